package org.leadrelay.events;

import java.util.List;

/**
 * The customer's technical environment, in lower-case speciality names as the partner directory
 * spells them (for example {@code linux}, {@code postgresql}, {@code tomcat}).
 */
public record Environment(List<String> operatingSystems, List<String> databases, List<String> applicationServers) {

    public static final Environment NONE = new Environment(List.of(), List.of(), List.of());

    public Environment {
        operatingSystems = Require.list(operatingSystems);
        databases = Require.list(databases);
        applicationServers = Require.list(applicationServers);
    }
}
