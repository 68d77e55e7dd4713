package io.aispine.cli.project;

import io.aispine.agentsdk.AgentManifest;
import java.util.Locale;
import javax.lang.model.SourceVersion;

/** The Java names of a generated agent project, derived from and checked against its agent name. */
final class JavaNames {

  private JavaNames() {}

  /**
   * Checks {@code name} by the manifest's own rule, so that a project that is created is one whose
   * manifest the SDK accepts.
   */
  static void checkAgentName(String name) {
    try {
      AgentManifest.of(name, "0.1.0");
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException(
          name == null ? "an agent name is needed, like 'ocr-id'" : e.getMessage(), e);
    }
  }

  /** {@code com.example.ocrid} for {@code ocr-id}: dashes are not allowed in Java packages. */
  static String defaultPackage(String name) {
    String last = name.replace("-", "");
    // 'new' or 'int' would be a keyword, not a package name.
    return "com.example." + (SourceVersion.isKeyword(last) ? last + "agent" : last);
  }

  /** Checks that {@code packageName} is a dotted Java name such as {@code com.acme.ocr}. */
  static void checkPackage(String packageName) {
    if (packageName == null || !SourceVersion.isName(packageName)) {
      throw new IllegalArgumentException(
          "'"
              + packageName
              + "' is not a Java package name; write it like com.acme.ocr (letters, digits,"
              + " underscores, dots; no keywords)");
    }
  }

  /** {@code OcrIdAgent} for {@code ocr-id}, {@code MyAgent} for {@code my-agent}. */
  static String className(String name) {
    var out = new StringBuilder();
    for (String part : name.split("-")) {
      if (!part.isEmpty()) {
        out.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
      }
    }
    return out.toString().endsWith("Agent") ? out.toString() : out + "Agent";
  }

  /** The Maven group of a project in {@code packageName}: the package without its last part. */
  static String groupId(String packageName) {
    int dot = packageName.lastIndexOf('.');
    return dot < 0 ? packageName : packageName.substring(0, dot);
  }
}
