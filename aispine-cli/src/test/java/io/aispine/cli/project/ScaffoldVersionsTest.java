package io.aispine.cli.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;

/**
 * Generated projects pin the parent pom's plugin versions, so that they build from a warm ~/.m2
 * without fetching anything: this fails when the two drift apart.
 */
class ScaffoldVersionsTest {

  @Test
  void generated_projects_depend_only_on_what_this_build_uses_besides_the_sdk() throws Exception {
    var xpath = XPathFactory.newInstance().newXPath();
    var parent =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(Path.of("../pom.xml").toFile());
    var scaffold = new AgentScaffold("demo", null, work.resolve("demo"), null);
    scaffold.create();
    var generated =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(work.resolve("demo/pom.xml").toFile());
    var dependencies =
        (org.w3c.dom.NodeList)
            xpath.evaluate(
                "/project/dependencies/dependency",
                generated,
                javax.xml.xpath.XPathConstants.NODESET);
    assertThat(dependencies.getLength()).isPositive();
    for (int i = 0; i < dependencies.getLength(); i++) {
      var dependency = dependencies.item(i);
      String artifact = xpath.evaluate("artifactId", dependency);
      if (artifact.startsWith("aispine-")) {
        continue; // from the distribution's own repository
      }
      // A dependency of this build, so a machine that built AI Spine has it in ~/.m2.
      assertThat(
              xpath.evaluate(
                  "(/project/dependencyManagement/dependencies/dependency"
                      + " | /project/dependencies/dependency)[artifactId='"
                      + artifact
                      + "'][1]/artifactId",
                  parent))
          .as("%s is managed (so used) by AI Spine's own build", artifact)
          .isEqualTo(artifact);
    }
  }

  @org.junit.jupiter.api.io.TempDir Path work;

  @Test
  void generated_projects_use_the_plugin_versions_of_this_build() throws Exception {
    var parent =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(Path.of("../pom.xml").toFile());
    var xpath = XPathFactory.newInstance().newXPath();
    var versions = Templates.versions();
    Map<String, String> plugins =
        Map.of(
            "compilerPlugin", "maven-compiler-plugin",
            "jarPlugin", "maven-jar-plugin",
            "resourcesPlugin", "maven-resources-plugin",
            "dependencyPlugin", "maven-dependency-plugin",
            "cleanPlugin", "maven-clean-plugin");
    for (var plugin : plugins.entrySet()) {
      String inParent =
          xpath.evaluate(
              "/project/build/pluginManagement/plugins/plugin[artifactId='"
                  + plugin.getValue()
                  + "']/version",
              parent);
      assertThat(versions.getProperty(plugin.getKey())).as(plugin.getValue()).isEqualTo(inParent);
    }
    assertThat(versions.getProperty("surefire"))
        .isEqualTo(xpath.evaluate("/project/properties/surefire.version", parent));
    assertThat(versions.getProperty("junit"))
        .isEqualTo(xpath.evaluate("/project/properties/junit.version", parent));
  }
}
