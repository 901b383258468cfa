package org.leadrelay.router;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private final JavaClasses router = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.leadrelay.router");

    @Test
    void routingLogicImportsNoFrameworkDatabaseOrBroker() {
        noClasses().that().resideInAPackage("org.leadrelay.router.routing..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.mongodb..", "org.bson..", "org.apache.kafka..")
                .check(router);
    }

    @Test
    void onlyAdaptersTouchMongoOrMessaging() {
        noClasses().that().resideOutsideOfPackages("..persistence..", "..messaging..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.data.mongodb..", "com.mongodb..", "org.springframework.messaging..")
                .check(router);
    }
}
