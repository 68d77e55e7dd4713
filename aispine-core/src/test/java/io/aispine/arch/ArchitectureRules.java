package io.aispine.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FileReader;
import java.io.FileWriter;
import java.io.RandomAccessFile;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.InstantSource;
import java.util.Random;
import java.util.Set;

/** The shape rules every module checks: pure deciders, no cycles, internals kept private. */
public final class ArchitectureRules {

  /** Leaves out test classes, whether compiled in this module or packaged in a test jar. */
  public static final ImportOption PRODUCTION_CODE =
      location ->
          ImportOption.Predefined.DO_NOT_INCLUDE_TESTS.includes(location)
              && !location.contains("-tests.jar");

  private static final Set<String> CLOCK_OR_ENVIRONMENT_CALLS =
      Set.of(
          "java.lang.System.currentTimeMillis",
          "java.lang.System.nanoTime",
          "java.lang.System.getenv",
          "java.lang.System.getProperty",
          "java.lang.Math.random",
          "java.util.UUID.randomUUID");

  private ArchitectureRules() {}

  /**
   * Classes in {@code packageIdentifier} read no clock, start or coordinate no thread, draw no
   * random number and do no I/O: given the same inputs they give the same answer. {@link
   * java.time.Instant} as a value is fine; {@code Instant.now()} is not.
   */
  public static ArchRule pure(String packageIdentifier) {
    return noClasses()
        .that()
        .resideInAPackage(packageIdentifier)
        .should()
        .dependOnClassesThat(clocksThreadsRandomOrIo())
        .orShould()
        .callMethodWhere(readsTheClockOrTheEnvironment())
        .because(
            "the decider is a pure function of (graph, state, fact): time comes in with the"
                + " fact, randomness as an argument, and effects go out as commands");
  }

  /**
   * No class depends on an {@code …internal…} package of ours unless it lives in that package's
   * parent or below it: {@code engine.decider.internal} is for {@code engine.decider} alone.
   */
  public static ArchRule internalPackagesStayWithTheirParent() {
    return classes()
        .should(accessOurInternalsOnlyFromTheirParent())
        .because("an internal package is the private part of its parent (STYLE rule 2)");
  }

  /**
   * The packages of io.aispine, each with its internal part (a package and its internal part may
   * use each other), are free of cycles.
   */
  public static ArchRule packagesAreFreeOfCycles() {
    return slices()
        .assignedFrom(packagesWithTheirInternals())
        .should()
        .beFreeOfCycles()
        .because("a cycle makes two packages one, which neither can then be read nor tested alone");
  }

  private static DescribedPredicate<JavaClass> clocksThreadsRandomOrIo() {
    return JavaClass.Predicates.resideInAnyPackage(
            "java.util.concurrent..",
            "java.nio.file..",
            "java.nio.channels..",
            "java.net..",
            "java.sql..",
            "javax.sql..")
        .or(
            JavaClass.Predicates.belongToAnyOf(
                Clock.class,
                InstantSource.class,
                Thread.class,
                Random.class,
                SecureRandom.class,
                File.class,
                FileInputStream.class,
                FileOutputStream.class,
                FileReader.class,
                FileWriter.class,
                RandomAccessFile.class))
        .as("a clock, a thread, a random source or I/O");
  }

  private static DescribedPredicate<JavaMethodCall> readsTheClockOrTheEnvironment() {
    return DescribedPredicate.describe(
        "a clock, the environment or a random source",
        call -> {
          String owner = call.getTargetOwner().getName();
          String name = call.getName();
          return (owner.startsWith("java.time.") && name.equals("now"))
              || CLOCK_OR_ENVIRONMENT_CALLS.contains(owner + "." + name);
        });
  }

  private static ArchCondition<JavaClass> accessOurInternalsOnlyFromTheirParent() {
    return new ArchCondition<>("use an internal package only from within its parent") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        String from = origin.getPackageName();
        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
          String target = dependency.getTargetClass().getBaseComponentType().getPackageName();
          String parent = parentOfInternal(target);
          if (parent != null && !from.equals(parent) && !from.startsWith(parent + ".")) {
            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
          }
        }
      }
    };
  }

  private static SliceAssignment packagesWithTheirInternals() {
    return new SliceAssignment() {
      @Override
      public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
        String name = javaClass.getPackageName();
        if (!name.startsWith("io.aispine.")) {
          return SliceIdentifier.ignore();
        }
        String parent = parentOfInternal(name);
        return SliceIdentifier.of(parent == null ? name : parent);
      }

      @Override
      public String getDescription() {
        return "packages of io.aispine, each with its internal part";
      }
    };
  }

  /** The package an internal package of ours belongs to, or null when it is not one. */
  private static String parentOfInternal(String packageName) {
    if (!packageName.startsWith("io.aispine.")) {
      return null;
    }
    String[] segments = packageName.split("\\.");
    for (int i = 0; i < segments.length; i++) {
      if (segments[i].equals("internal")) {
        return String.join(".", java.util.Arrays.copyOfRange(segments, 0, i));
      }
    }
    return null;
  }
}
