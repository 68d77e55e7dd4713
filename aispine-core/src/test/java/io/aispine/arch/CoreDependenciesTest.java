package io.aispine.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps aispine-core free of frameworks and of the other modules (STYLE rule 1). */
class CoreDependenciesTest {

  private static final JavaClasses CORE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
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
}
