package io.aispine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.cli.command.ExitCodes;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code aispine demo} end to end with three guests: a real {@code aispine server} child process,
 * the stand-in WhatsApp, generated ID photos through OCR, a SIGKILL of the server while guests are
 * in flight and a restart on the same store; every guest answered exactly once.
 */
class KycDemoTest {

  @Test
  void the_kyc_demo_kills_its_server_midway_and_still_answers_every_guest_exactly_once() {
    var run = CliRun.of("demo", "--guests", "3", "--seed", "7");

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("3 guests, 3 answered, 0 twice, server killed at ");
    var killed =
        Pattern.compile("SIGKILL\\S*  the server \\(pid (\\d+)\\) is killed with (\\d+) guests?")
            .matcher(run.out());
    assertThat(killed.find()).as(run.out()).isTrue();
    assertThat(Integer.parseInt(killed.group(2))).isPositive();
    assertThat(ProcessHandle.of(Long.parseLong(killed.group(1)))).isEmpty();
    assertThat(run.out()).contains("RESTART").contains("approves ap_");
    // the console is served by the demo's server, and its address is given before and after the
    // restart (a new port each time)
    assertThat(run.out().split("Web console: http://127\\.0\\.0\\.1:\\d+/", -1)).hasSize(3);
    // the conversations as the stand-in recorded them: one reply per guest
    for (String guest : new String[] {"guest-1", "guest-2", "guest-3"}) {
      String block =
          run.out()
              .substring(
                  run.out().indexOf("  " + guest + "  ", run.out().indexOf("Conversations")));
      block = block.substring(0, block.indexOf("    verdict"));
      assertThat(block.split("hotel ◂", -1)).as(block).hasSize(2);
    }
  }
}
