package io.aispine.arch;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * How the modules may depend on each other, checked where all of them are on the class path: core
 * on nothing of ours, store and agents on core, the llm and KYC agents on core and agents, the wire
 * model (api) on nothing, the server on core, api, store, agents and llm, the SDK on the wire model
 * only. The same shape rules as in core (no package cycles, internals private to their parent) then
 * hold across every module.
 */
class ModuleLayersTest {

  private static final JavaClasses ALL =
      new ClassFileImporter()
          .withImportOption(ArchitectureRules.PRODUCTION_CODE)
          .importPackages("io.aispine");

  @Test
  void modules_depend_only_on_the_modules_below_them() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("Core")
        .definedBy(
            "io.aispine.agent..",
            "io.aispine.engine..",
            "io.aispine.execution..",
            "io.aispine.expr..",
            "io.aispine.flow..",
            "io.aispine.store")
        .layer("Api")
        .definedBy("io.aispine.api..")
        .layer("Store")
        .definedBy("io.aispine.store.jdbc..")
        .layer("Agents")
        .definedBy("io.aispine.agents..")
        .layer("Llm")
        .definedBy("io.aispine.llm..")
        .layer("AgentSdk")
        .definedBy("io.aispine.agentsdk..")
        .layer("Kyc")
        .definedBy("io.aispine.kyc..")
        .layer("Server")
        .definedBy("io.aispine.server..")
        .layer("Sdk")
        .definedBy("io.aispine.sdk..")
        .layer("Cli")
        .definedBy("io.aispine.cli..")
        .layer("StandIn")
        .definedBy("io.aispine.standin..")
        // the web console (aispine-ui) is a jar of static files; Java there would be a client
        .optionalLayer("Ui")
        .definedBy("io.aispine.ui..")
        .whereLayer("Core")
        .mayNotAccessAnyLayer()
        .whereLayer("Api")
        .mayNotAccessAnyLayer()
        .whereLayer("Store")
        .mayOnlyAccessLayers("Core")
        .whereLayer("Agents")
        .mayOnlyAccessLayers("Core")
        .whereLayer("Llm")
        .mayOnlyAccessLayers("Core", "Agents")
        .whereLayer("AgentSdk")
        .mayOnlyAccessLayers("Core", "Agents")
        .whereLayer("Kyc")
        .mayOnlyAccessLayers("Core", "Agents")
        .whereLayer("Server")
        .mayOnlyAccessLayers("Core", "Api", "Store", "Agents", "Llm")
        .whereLayer("Sdk")
        .mayOnlyAccessLayers("Api")
        .whereLayer("StandIn")
        .mayNotAccessAnyLayer()
        .whereLayer("Ui")
        .mayNotAccessAnyLayer()
        .because(
            "dependencies point inward to core; the wire model (api) is shared by the server and"
                + " the SDK, a client that links nothing else of ours")
        .check(ALL);
  }

  @Test
  void every_package_with_its_internal_part_is_free_of_cycles() {
    ArchitectureRules.packagesAreFreeOfCycles().check(ALL);
  }

  @Test
  void internal_packages_are_used_only_by_their_parent() {
    ArchitectureRules.internalPackagesStayWithTheirParent().check(ALL);
  }
}
