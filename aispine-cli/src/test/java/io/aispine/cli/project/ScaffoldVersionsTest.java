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
