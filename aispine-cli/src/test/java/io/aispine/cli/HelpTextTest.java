package io.aispine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What {@code --help} shows: summaries and paragraphs that end where their sentences end. */
class HelpTextTest {

  /** Every command of the tree, the root first. */
  private static List<CommandLine> commands(CommandLine root) {
    var all = new ArrayList<CommandLine>();
    all.add(root);
    for (CommandLine sub : root.getSubcommands().values()) {
      if (!all.contains(sub) && !sub.getCommandSpec().usageMessage().hidden()) {
        all.addAll(commands(sub));
      }
    }
    return all;
  }

  @Test
  void every_description_paragraph_ends_a_sentence_so_summaries_are_never_cut() {
    for (CommandLine command : commands(Main.commandLine())) {
      String[] description = command.getCommandSpec().usageMessage().description();
      for (String paragraph : description) {
        if (paragraph.startsWith("  ")) {
          continue; // an indented example or table row, laid out on purpose
        }
        // picocli's own help command ends its paragraph with a %n line break.
        assertThat(paragraph.replaceAll("%n$", "").strip())
            .as("a paragraph of '%s --help'", command.getCommandSpec().qualifiedName())
            .matches("(?s).*[.:?!)]$");
      }
    }
  }

  @Test
  void top_level_help_shows_the_demo_summary_to_its_end() {
    var run = CliRun.of("--help");

    assertThat(run.exitCode()).isZero();
    String flattened = run.out().replaceAll("\\s+", " ");
    assertThat(flattened)
        .contains(
            "demo Show AI Spine at work: hotel check-in over WhatsApp, with a SIGKILL midway.");
  }

  @Test
  void demo_help_breaks_lines_only_where_picocli_wraps_them() {
    var run = CliRun.of("demo", "examples", "--help");

    assertThat(run.exitCode()).isZero();
    // The description is one paragraph: no line of it is a short fragment left by a hard break.
    assertThat(run.out()).doesNotContainPattern("(?m)^flows, run$").doesNotContain("run\nthe ");
  }
}
