package org.leadrelay.kit.web;

/**
 * One rejected field of a request.
 *
 * @param pointer a JSON pointer (RFC 6901) to the field in the request body
 * @param detail  what is wrong with it
 */
public record FieldError(String pointer, String detail) {
}
