package io.aispine.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * Keeps aispine-core free of frameworks and of the other modules (STYLE rule 1), and keeps its
 * shape: a pure decider, no package cycles, internals private to their parent package.
 */
class CoreDependenciesTest {

  private static final JavaClasses CORE =
      new ClassFileImporter()
          .withImportOption(ArchitectureRules.PRODUCTION_CODE)
          .importPackages("io.aispine");

  @Test
  void core_does_not_use_jdbc() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("java.sql..", "javax.sql..")
        .because("storage lives behind the store ports, implemented in aispine-store")
        .check(CORE);
  }

  @Test
  void core_does_not_use_web_or_http_client_frameworks() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.javalin..",
            "org.eclipse.jetty..",
            "jakarta.servlet..",
            "okhttp3..",
            "org.apache.hc..",
            "org.apache.http..",
            "io.netty..",
            "reactor..",
            "com.zaxxer..",
            "org.flywaydb..",
            "picocli..")
        .because("aispine-core knows no frameworks")
        .check(CORE);
  }

  @Test
  void core_does_not_depend_on_other_aispine_modules() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.aispine.store.jdbc..",
            "io.aispine.agents..",
            "io.aispine.cli..",
            "io.aispine.server..",
            "io.aispine.bench..")
        .because("dependencies point inward to core")
        .check(CORE);
  }

  @Test
  void core_packages_are_free_of_cycles() {
    slices()
        .matching("io.aispine.(*)..")
        .should()
        .beFreeOfCycles()
        .because("the store and agent ports, the flow model and the engine must stand alone")
        .check(CORE);
  }

  @Test
  void every_package_with_its_internal_part_is_free_of_cycles() {
    ArchitectureRules.packagesAreFreeOfCycles().check(CORE);
  }

  @Test
  void internal_packages_are_used_only_by_their_parent() {
    ArchitectureRules.internalPackagesStayWithTheirParent().check(CORE);
  }

  @Test
  void the_decider_is_pure() {
    ArchitectureRules.pure("io.aispine.engine.decider..").check(CORE);
  }

  @Test
  void the_execution_model_depends_only_on_the_flow_model() {
    classes()
        .that()
        .resideInAPackage("io.aispine.execution..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "io.aispine.execution..",
            "io.aispine.flow..",
            "io.aispine.expr..",
            "org.pcollections..")
        .because("the store, the agents and the engine all share it, so it may need none of them")
        .check(CORE);
  }

  @Test
  void ports_do_not_depend_on_the_engine() {
    noClasses()
        .that()
        .resideInAnyPackage("io.aispine.store", "io.aispine.agent..", "io.aispine.flow..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.aispine.engine..")
        .because("the engine uses the ports; what they exchange is the execution model")
        .check(CORE);
  }

  @Test
  void the_engine_is_layered_model_api_decider_runtime() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("Model")
        .definedBy("io.aispine.execution..", "io.aispine.flow..", "io.aispine.expr..")
        .layer("Ports")
        .definedBy("io.aispine.store", "io.aispine.agent..")
        .layer("Api")
        .definedBy("io.aispine.engine", "io.aispine.engine.internal")
        .layer("Decider")
        .definedBy("io.aispine.engine.decider..")
        .layer("Runtime")
        .definedBy("io.aispine.engine.runtime..")
        .whereLayer("Model")
        .mayNotAccessAnyLayer()
        .whereLayer("Ports")
        .mayOnlyAccessLayers("Model")
        .whereLayer("Api")
        .mayOnlyAccessLayers("Model", "Ports")
        .whereLayer("Decider")
        .mayOnlyAccessLayers("Model", "Api")
        .because("the runtime drives the pure decider, never the other way round")
        .check(CORE);
  }
}
