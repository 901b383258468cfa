package org.leadrelay.directory.partners;

import java.util.Locale;
import java.util.Set;

/**
 * The kind of a speciality given as a bare term ({@code "specialities": ["postgresql"]}), for
 * callers that do not say it: databases, operating systems, application servers and services the
 * shared vocabulary knows, and products for everything else.
 */
public final class SpecialityKinds {

    public static final String PRODUCT = "PRODUCT";
    public static final String SERVICE = "SERVICE";
    public static final String OPERATING_SYSTEM = "OPERATING_SYSTEM";
    public static final String DATABASE = "DATABASE";
    public static final String APPLICATION_SERVER = "APPLICATION_SERVER";
    public static final Set<String> ALL = Set.of(PRODUCT, SERVICE, OPERATING_SYSTEM, DATABASE, APPLICATION_SERVER);

    private static final Set<String> SERVICES = Set.of("migration", "support", "training", "integration", "consulting", "audit",
            "development", "hosting", "managed-services", "performance-tuning", "security", "upgrade", "architecture", "devops");
    private static final Set<String> DATABASES = Set.of("postgresql", "mysql", "mariadb", "mongodb", "oracle", "sql-server", "sqlite",
            "redis", "cassandra", "db2", "elasticsearch", "opensearch");
    private static final Set<String> OPERATING_SYSTEMS = Set.of("linux", "rhel", "red-hat-enterprise-linux", "debian", "ubuntu", "suse",
            "centos", "rocky-linux", "almalinux", "windows", "windows-server", "macos", "freebsd", "aix", "solaris");
    private static final Set<String> APPLICATION_SERVERS = Set.of("tomcat", "wildfly", "jboss", "jboss-eap", "websphere", "weblogic",
            "glassfish", "payara", "jetty", "open-liberty", "tomee");

    private SpecialityKinds() {
    }

    public static String of(String term) {
        String key = term.toLowerCase(Locale.ROOT);
        if (SERVICES.contains(key)) {
            return SERVICE;
        }
        if (DATABASES.contains(key)) {
            return DATABASE;
        }
        if (OPERATING_SYSTEMS.contains(key)) {
            return OPERATING_SYSTEM;
        }
        if (APPLICATION_SERVERS.contains(key)) {
            return APPLICATION_SERVER;
        }
        return PRODUCT;
    }
}
