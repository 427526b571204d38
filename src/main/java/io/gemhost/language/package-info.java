/**
 * The languages gemhost speaks (docs/ARCHITECTURE.md, "Languages"): which are supported, how a
 * request's {@code Accept-Language} or a stored choice maps onto one, and which resource bundle
 * locale serves it. Pages ({@code web}) and mails ({@code notify}) both ask here; the API never
 * does: its answers are English in every language.
 */
package io.gemhost.language;
