/**
 * Mail to account holders: links (confirmation, password reset, email change), an operator's word,
 * and a security notice for each recorded event that changes a factor or credential. Every mail is
 * sent only after the transaction that asked for it commits, with its texts from mails.properties; it never
 * holds a password, code or key.
 */
package io.gemhost.notify;
