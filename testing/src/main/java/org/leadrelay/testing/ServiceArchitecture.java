package org.leadrelay.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The layout rules every service keeps (see CONTRIBUTING.md), checked so they cannot silently erode:
 * only the {@code persistence} and {@code messaging} adapters touch MongoDB, Kafka or Spring
 * messaging; the named pure packages import no framework at all; no two feature packages depend
 * on each other both ways round; and a feature's own classes never reach into an adapter
 * ({@code persistence}, {@code messaging}, {@code web}, {@code channels}): adapters depend inward;
 * and a feature's own classes answer no HTTP (no {@code ProblemException}, no servlet or controller
 * types): they refuse with service-kit's {@code kit.domain} refusals, which one advice maps; and
 * a feature's records (its aggregates and values) import no framework, metrics or driver at all.
 */
public final class ServiceArchitecture {

    /** A feature's Spring configuration (and its inner classes), which wires the adapters in: allowed to name them. */
    private static final com.tngtech.archunit.base.DescribedPredicate<com.tngtech.archunit.core.domain.JavaClass> NOT_WIRING =
            com.tngtech.archunit.base.DescribedPredicate.describe("are not the feature's configuration",
                    type -> !type.getName().matches(".*Configuration(\\$.*)?"));

    /** A feature's records, its aggregates and values; its configuration properties are Spring's by nature. */
    private static final com.tngtech.archunit.base.DescribedPredicate<com.tngtech.archunit.core.domain.JavaClass> DOMAIN_RECORDS =
            com.tngtech.archunit.base.DescribedPredicate.describe("are the feature's records (not its configuration properties)",
                    type -> type.isRecord() && !configurationProperties(type));

    /** Whether the type, or a type it is nested in, is Spring configuration properties. */
    private static boolean configurationProperties(com.tngtech.archunit.core.domain.JavaClass type) {
        for (var at = java.util.Optional.of(type); at.isPresent(); at = at.get().getEnclosingClass()) {
            if (at.get().isAnnotatedWith("org.springframework.boot.context.properties.ConfigurationProperties")) {
                return true;
            }
        }
        return false;
    }

    private ServiceArchitecture() {
    }

    public static void check(String servicePackage, String... purePackages) {
        JavaClasses service = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(servicePackage);
        noClasses().that().resideOutsideOfPackages("..persistence..", "..messaging..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.data.mongodb..", "com.mongodb..",
                        "org.bson..", "org.apache.kafka..", "org.springframework.kafka..", "org.springframework.messaging..",
                        "org.springframework.cloud.stream..")
                .because("only adapters talk to the database and the broker")
                .check(service);
        for (String pure : purePackages) {
            noClasses().that().resideInAPackage(pure + "..")
                    .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.mongodb..", "org.bson..",
                            "org.apache.kafka..", "jakarta..")
                    .because("domain logic is plain Java")
                    .check(service);
        }
        slices().matching(servicePackage + ".(*)..").should().beFreeOfCycles()
                .because("a feature package may use another, never both ways round")
                .check(service);
        noClasses().that().resideInAPackage(servicePackage + ".*").and(NOT_WIRING)
                .and().resideOutsideOfPackages(servicePackage + ".web..", servicePackage + ".security..")
                .should().dependOnClassesThat().resideInAnyPackage(servicePackage + "..persistence..", servicePackage + "..messaging..",
                        servicePackage + "..web..", servicePackage + "..channels..")
                .because("adapters depend on the domain, never the other way round")
                .check(service);
        noClasses().that().resideInAPackage(servicePackage + ".*").and(NOT_WIRING)
                .and().resideOutsideOfPackages(servicePackage + ".web..", servicePackage + ".security..")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.leadrelay.kit.web.ProblemException")
                .orShould().dependOnClassesThat().resideInAnyPackage("jakarta.servlet..", "org.springframework.web.bind..",
                        "org.springframework.web.servlet..")
                .because("the domain refuses in its own words (service-kit's kit.domain); only web adapters speak HTTP")
                .check(service);
        noClasses().that().resideInAPackage(servicePackage + ".*").and(DOMAIN_RECORDS)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "io.micrometer..", "jakarta..",
                        "com.mongodb..", "org.bson..", "org.apache.kafka..")
                .because("aggregates and values (LeadCase, Partner, DeliveryJob, ...) are plain Java: their rules are tested without a framework")
                .check(service);
    }
}
