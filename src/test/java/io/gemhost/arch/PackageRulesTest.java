package io.gemhost.arch;

import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.core.domain.JavaMethod;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package layout of docs/ARCHITECTURE.md, checked on the compiled classes (so fully qualified names and
 * annotations count too): features form no cycle, and the two boundaries, web (pages) and api
 * (the gem host API), are leaves that nobody else depends on.
 */
class PackageRulesTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.gemhost");
    }

    /**
     * docs/ARCHITECTURE.md: a session bean is injected with @EJB (the container's own view), never
     * through CDI's proxy, which on Payara costs two thrown exceptions per call.
     */
    @Test
    void sessionBeansAreInjectedWithEjbNotInject() {
        fields().that().areAnnotatedWith("jakarta.inject.Inject")
                .should().haveRawType(DescribedPredicate.not(annotatedWith("jakarta.ejb.Stateless").or(annotatedWith("jakarta.ejb.Singleton"))))
                .check(classes);
    }

    @Test
    void featurePackagesFormNoCycle() {
        slices().matching("io.gemhost.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void nothingOutsideWebDependsOnWeb() {
        noClasses().that().resideOutsideOfPackage("io.gemhost.web..")
                .should().dependOnClassesThat().resideInAPackage("io.gemhost.web..")
                .check(classes);
    }

    @Test
    void nothingOutsideApiDependsOnApi() {
        noClasses().that().resideOutsideOfPackage("io.gemhost.api..")
                .should().dependOnClassesThat().resideInAPackage("io.gemhost.api..")
                .check(classes);
    }

    @Test
    void featurePackagesDoNotUseTheBoundaries() {
        noClasses().that().resideOutsideOfPackages("io.gemhost.web..", "io.gemhost.api..")
                .should().dependOnClassesThat().resideInAnyPackage("io.gemhost.web..", "io.gemhost.api..")
                .check(classes);
    }

    /**
     * docs/SECURITY.md: whether an action needs a second factor is asked of MfaPolicy by mfa alone
     * (Proof, SecondFactor), so no boundary or feature can decide it on its own and skip the proof.
     */
    @Test
    void onlyMfaAsksTheMfaPolicy() {
        noClasses().that().resideOutsideOfPackage("io.gemhost.mfa..")
                .should().callMethod("io.gemhost.mfa.MfaPolicy", "requiresOtp",
                        "io.gemhost.account.MfaLevel", "io.gemhost.mfa.MfaPolicy$Action", "boolean")
                .check(classes);
    }

    /**
     * A change that follows a proof is applied by a public method (the container runs it in its
     * transaction), so that method takes the proof: a value only Proof makes.
     */
    @Test
    void everyMethodThatAppliesAChangeAfterAProofTakesTheProof() {
        methods().that().arePublic().and().haveNameMatching("apply|replace|store")
                .and().areDeclaredInClassesThat().resideInAnyPackage("io.gemhost.mfa..", "io.gemhost.lifecycle..")
                .should(takeAParameter("io.gemhost.mfa.Proof$Proven"))
                .check(classes);
    }

    /** The one method that uses up a second factor takes the sign, only SecondFactor makes, that its attempt was counted. */
    @Test
    void aSecondFactorIsUsedUpOnlyAfterItsAttemptWasCounted() {
        methods().that().arePublic().and().haveName("useUp").and().areDeclaredInClassesThat().resideInAPackage("io.gemhost.mfa..")
                .should(takeAParameter("io.gemhost.mfa.SecondFactor$Counted"))
                .check(classes);
    }

    private static ArchCondition<JavaMethod> takeAParameter(String type) {
        return new ArchCondition<>("take a parameter of type " + type) {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                boolean takes = method.getRawParameterTypes().stream().anyMatch(p -> p.getName().equals(type));
                events.add(new SimpleConditionEvent(method, takes, method.getFullName() + (takes ? " takes " : " does not take ") + type));
            }
        };
    }
}
