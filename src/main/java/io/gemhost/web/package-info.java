/**
 * The browser boundary: Faces backing beans (one per page), the access and header filters,
 * and error handling. Beans read the form and call a service; they hold no business rules,
 * and no other package depends on this one.
 */
package io.gemhost.web;
