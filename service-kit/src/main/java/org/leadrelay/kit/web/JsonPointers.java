package org.leadrelay.kit.web;

/** Turns a bean property path such as {@code need.products[0]} into the JSON pointer {@code /need/products/0}. */
public final class JsonPointers {

    private JsonPointers() {
    }

    public static String fromPropertyPath(String path) {
        if (path == null || path.isEmpty()) {
            return "";
        }
        StringBuilder pointer = new StringBuilder();
        for (String segment : path.replace("[", ".").replace("]", "").split("\\.")) {
            if (!segment.isEmpty() && !segment.startsWith("<")) { // "<list element>", "<map value>": containers, not fields
                pointer.append('/').append(segment.replace("~", "~0").replace("/", "~1"));
            }
        }
        return pointer.toString();
    }
}
