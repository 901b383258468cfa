package org.leadrelay.deploy.observability;

import java.util.Set;
import java.util.TreeSet;

/**
 * The metric names a PromQL expression reads. A small reader, not a parser: it skips strings, label matchers
 * ({@code {...}}), ranges ({@code [...]}), label lists after {@code by}, {@code without}, {@code on}, {@code ignoring},
 * {@code group_left} and {@code group_right}, function calls' names, keywords, numbers and Grafana variables
 * ({@code $instance}, {@code $__rate_interval}); every other identifier is a metric name.
 * Aggregation operators count as keywords, so a metric named like one ({@code count}) would not be seen.
 */
final class PromQl {

    private static final Set<String> LABEL_LIST_KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "offset", "bool", "atan2", "inf", "nan", "by", "without",
            "on", "ignoring", "group_left", "group_right",
            // aggregation operators, which may be followed by "by (...)" instead of their parenthesis
            "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk", "quantile", "limitk",
            "limit_ratio");

    private PromQl() {
    }

    static Set<String> metricNames(String expression) {
        Set<String> names = new TreeSet<>();
        String e = expression;
        int i = 0;
        while (i < e.length()) {
            char c = e.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = skipString(e, i);
            } else if (c == '{') {
                i = skipTo(e, i, '}');
            } else if (c == '[') {
                i = skipTo(e, i, ']');
            } else if (c == '$') {
                i = skipIdentifier(e, i + 1);
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < e.length() && Character.isDigit(e.charAt(i + 1)))) {
                i = skipNumber(e, i);
            } else if (isIdentifierStart(c)) {
                int end = skipIdentifier(e, i);
                String word = e.substring(i, end);
                int next = skipSpaces(e, end);
                boolean call = next < e.length() && e.charAt(next) == '(';
                if (call && LABEL_LIST_KEYWORDS.contains(word)) {
                    i = skipTo(e, next, ')');
                    continue;
                }
                if (!call && !KEYWORDS.contains(word)) {
                    names.add(word);
                }
                i = end;
            } else {
                i++;
            }
        }
        return names;
    }

    /**
     * The metric names a Grafana variable query reads: {@code label_values(metric{...}, label)} reads the metric,
     * {@code label_values(label)} none; any other query is PromQL.
     */
    static Set<String> variableQueryMetricNames(String query) {
        String q = query.strip();
        if (q.startsWith("label_values(") && q.endsWith(")")) {
            String inner = q.substring("label_values(".length(), q.length() - 1);
            int comma = topLevelComma(inner);
            return comma < 0 ? Set.of() : metricNames(inner.substring(0, comma));
        }
        return metricNames(q);
    }

    private static int topLevelComma(String s) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                i = skipString(s, i) - 1;
            } else if (c == '{' || c == '(' || c == '[') {
                depth++;
            } else if (c == '}' || c == ')' || c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) || c == '_' || c == ':';
    }

    private static int skipIdentifier(String e, int i) {
        while (i < e.length() && (Character.isLetterOrDigit(e.charAt(i)) || e.charAt(i) == '_' || e.charAt(i) == ':')) {
            i++;
        }
        return i;
    }

    private static int skipNumber(String e, int i) {
        // numbers, durations (5m, 1h30m) and exponents
        while (i < e.length() && (Character.isLetterOrDigit(e.charAt(i)) || e.charAt(i) == '.')) {
            i++;
        }
        return i;
    }

    private static int skipSpaces(String e, int i) {
        while (i < e.length() && Character.isWhitespace(e.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int skipString(String e, int start) {
        char quote = e.charAt(start);
        int i = start + 1;
        while (i < e.length() && e.charAt(i) != quote) {
            i += e.charAt(i) == '\\' && quote != '`' ? 2 : 1;
        }
        return i + 1;
    }

    /** Skips to just after the closing character, stepping over strings. */
    private static int skipTo(String e, int start, char close) {
        int i = start + 1;
        while (i < e.length() && e.charAt(i) != close) {
            char c = e.charAt(i);
            i = c == '"' || c == '\'' || c == '`' ? skipString(e, i) : i + 1;
        }
        return i + 1;
    }
}
