package org.leadrelay.directory.audit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The differences between two states of a partner, field by field, as JSON pointers. */
public final class Changes {

    private final JsonMapper json;

    public Changes(JsonMapper json) {
        this.json = json;
    }

    /** Every leaf that differs between {@code before} (null for a creation) and {@code after} (null for a deletion). */
    public List<AuditEntry.Change> between(Object before, Object after) {
        List<AuditEntry.Change> changes = new ArrayList<>();
        compare("", before == null ? null : json.valueToTree(before), after == null ? null : json.valueToTree(after), changes);
        return changes;
    }

    private void compare(String pointer, JsonNode before, JsonNode after, List<AuditEntry.Change> changes) {
        boolean beforeAbsent = before == null || before.isNull();
        boolean afterAbsent = after == null || after.isNull();
        if (beforeAbsent && afterAbsent) {
            return;
        }
        if (!beforeAbsent && !afterAbsent && before.isObject() && after.isObject()) {
            Set<String> names = new LinkedHashSet<>(before.propertyNames());
            names.addAll(after.propertyNames());
            for (String name : names) {
                compare(pointer + "/" + name.replace("~", "~0").replace("/", "~1"), before.get(name), after.get(name), changes);
            }
            return;
        }
        if (!Objects.equals(before, after)) {
            changes.add(new AuditEntry.Change(pointer.isEmpty() ? "/" : pointer, beforeAbsent ? null : json.writeValueAsString(before),
                    afterAbsent ? null : json.writeValueAsString(after)));
        }
    }
}
