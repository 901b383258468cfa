package org.leadrelay.router;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.leadrelay.testing.ServiceArchitecture;

class ArchitectureTest {

    @Test
    void routingLogicIsPlainJavaAndOnlyAdaptersTouchTheDatabaseOrBroker() {
        ServiceArchitecture.check("org.leadrelay.router", "org.leadrelay.router.routing");
    }

    @Test
    void theAssignmentFeatureCountsInOnePlace() {
        noClasses().that().resideInAPackage("org.leadrelay.router.assignment")
                .and().doNotHaveFullyQualifiedName("org.leadrelay.router.assignment.RouterMetrics")
                .should().dependOnClassesThat().resideInAPackage("io.micrometer..")
                .because("a lead's changes are counted from what they did, by RouterMetrics, not beside the rules that make them")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("org.leadrelay.router.assignment"));
    }
}
