package io.aispine.arch;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.aispine.arch.fixture.ReadsAFile;
import io.aispine.arch.fixture.ReadsTheClock;
import io.aispine.arch.fixture.StartsAThread;
import io.aispine.arch.pure.UsesInstantsAsValues;
import org.junit.jupiter.api.Test;

/** The purity rule itself: it refuses what would make a decider impure, and only that. */
class DeciderPurityRuleTest {

  private static JavaClasses imported(Class<?> type) {
    return new ClassFileImporter().importClasses(type);
  }

  @Test
  void refuses_a_call_to_instant_now() {
    assertThatThrownBy(
            () ->
                ArchitectureRules.pure("io.aispine.arch.fixture..")
                    .check(imported(ReadsTheClock.class)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Instant.now()");
  }

  @Test
  void refuses_a_thread() {
    assertThatThrownBy(
            () ->
                ArchitectureRules.pure("io.aispine.arch.fixture..")
                    .check(imported(StartsAThread.class)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("java.lang.Thread");
  }

  @Test
  void refuses_file_io() {
    assertThatThrownBy(
            () ->
                ArchitectureRules.pure("io.aispine.arch.fixture..")
                    .check(imported(ReadsAFile.class)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("java.nio.file.Files");
  }

  @Test
  void lets_instants_through_as_values() {
    assertThatCode(
            () ->
                ArchitectureRules.pure("io.aispine.arch.pure..")
                    .check(imported(UsesInstantsAsValues.class)))
        .doesNotThrowAnyException();
  }
}
