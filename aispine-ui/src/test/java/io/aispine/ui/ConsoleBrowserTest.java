package io.aispine.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.aispine.server.AispineServer;
import io.aispine.server.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console in a real Chromium against a real server: sign in, run an approved flow, watch its
 * graph turn green live while an approval is answered in another tab, read a node's detail by
 * keyboard, and at a phone's width; a viewer is not offered what it may not do. Every page is
 * screenshotted into {@code target/console-screenshots/} and checked with axe-core (no serious or
 * critical violation).
 */
class ConsoleBrowserTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** A refund approved by an operator, with its checks as a foreach: every kind of drawing. */
  static final String REFUND =
      """
      id: refund
      version: 1.0.0
      description: A refund paid once an operator approves it.
      inputs:
        customer: {type: string, default: Ada}
        amount: {type: number, default: 120}
        receipts: {type: array, default: [r1, r2]}
      nodes:
        - id: quote
          agent: echo
          with: {customer: "${inputs.customer}", amount: "${inputs.amount}"}
        - id: receipts
          type: foreach
          needs: quote
          items: "${inputs.receipts}"
          body:
            - id: check
              agent: echo
              with: {receipt: "${item}"}
        - id: review
          type: approval
          needs: receipts
          message: "Refund ${nodes.quote.output.amount} EUR to ${nodes.quote.output.customer}?"
          approvers: {roles: [operator]}
        - id: route
          type: decision
          needs: review
          when:
            - if: "nodes.review.output.approved"
              then: pay
          else: decline
        - id: pay
          agent: echo
          with: {paid: "${nodes.quote.output.amount}", note: "${nodes.review.output.comment}"}
        - id: decline
          agent: echo
          with: {declined: true}
      outputs:
        approved: "${nodes.review.output.approved}"
      """;

  @TempDir static Path dataDir;
  private static AispineServer server;
  private static Browser browser;
  private static String ownerKey;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeFalse(
        Boolean.getBoolean("aispine.browserTests.skip"), "-Daispine.browserTests.skip=true");
    Path chromium = Browser.chromiumOnPath().orElse(null);
    Assumptions.assumeTrue(
        chromium != null,
        "SKIPPED the console's browser tests: no chromium on the PATH; install Debian's"
            + " (apt-get install chromium, as .ci/run does) to run them");
    server = AispineServer.start(new ServerConfig("127.0.0.1", 0, dataDir, null));
    ownerKey = server.adminKeyCreated().orElseThrow();
    base = server.consoleUrl().orElseThrow();
    browser = Browser.launch(chromium);
    // a busy CI machine: give the page time, the waits end as soon as the state is there
    PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
    var deployed = call("POST", "/api/v1/flows?approve=true", "application/yaml", REFUND, ownerKey);
    assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void an_operator_runs_a_flow_watches_it_go_green_live_and_answers_its_approval()
      throws Exception {
    String operatorKey = createKey("on-call", "operator");
    try (BrowserContext context = browser.context(1280, 900)) {
      Page page = context.newPage();
      page.navigate(base);
      assertThat(page.getByLabel("API key")).isVisible();
      check(page, "01-sign-in");

      signIn(page, operatorKey);
      assertThat(page.getByTestId("count-running")).isVisible();
      check(page, "02-overview");
      // the key lives in this tab only: not in localStorage, not in the URL
      assertThat(page.evaluate("() => localStorage.length")).isEqualTo(0);
      assertThat(page.evaluate("() => sessionStorage.getItem('aispine.apiKey')"))
          .isEqualTo(operatorKey);
      assertThat(page.url()).doesNotContain(operatorKey);

      page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
          .getByText("Flows")
          .click();
      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(Pattern.compile("^refund")))
          .click();
      assertThat(page.locator(".react-flow__node")).hasCount(7); // 6 nodes and the foreach body
      assertThat(page.locator("[data-node='receipts']")).hasClass(Pattern.compile("group"));
      assertThat(page.getByText("✓ approved").first()).isVisible();
      check(page, "03-flow-version");

      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Run refund@1.0.0"))
          .click();
      page.waitForURL(Pattern.compile(".*/executions/[^/]+$"));
      String executionId = page.url().substring(page.url().lastIndexOf('/') + 1);
      assertThat(node(page, "quote")).hasAttribute("data-status", "succeeded");
      assertThat(node(page, "review")).hasAttribute("data-status", "waiting");
      assertThat(node(page, "review")).containsText("waiting");
      check(page, "04-execution-waiting");
      page.evaluate("() => { window.stillTheSamePage = true; }");

      // another tab (its own session) answers the approval
      Page inbox = context.newPage();
      inbox.navigate(base + "approvals");
      signIn(inbox, operatorKey);
      Locator card =
          inbox
              .locator("[data-approval]")
              .filter(new Locator.FilterOptions().setHasText(executionId));
      assertThat(card).containsText("Refund 120 EUR to Ada?");
      check(inbox, "05-approvals");
      card.getByLabel("Comment").fill("receipt checked");
      card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Approve")).click();
      assertThat(card).hasCount(0);

      // the first tab turns green from the event stream, without reloading
      assertThat(page.getByTestId("execution-status")).containsText("succeeded");
      assertThat(node(page, "pay")).hasAttribute("data-status", "succeeded");
      assertThat(node(page, "decline")).hasAttribute("data-status", "skipped");
      assertThat(page.evaluate("() => window.stillTheSamePage === true")).isEqualTo(true);
      check(page, "06-execution-succeeded");
      assertThat(get("/api/v1/executions/" + executionId).get("status").asText())
          .isEqualTo("succeeded");

      // a node's detail by keyboard: its output, attempts and the input it was called with
      page.locator("[data-node-button='pay']").focus();
      page.keyboard().press("Enter");
      Locator detail = page.locator(".node-detail");
      assertThat(detail).containsText("receipt checked");
      assertThat(detail.getByText("Attempts of pay")).isVisible();
      check(page, "07-node-detail");

      page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
          .getByText("Executions")
          .click();
      assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(executionId)))
          .isVisible();
      check(page, "08-executions");
      page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
          .getByText("Agents")
          .click();
      assertThat(page.getByText("echo", new Page.GetByTextOptions().setExact(true))).isVisible();
      check(page, "09-agents");

      // a phone: one column, nothing wider than the screen
      page.setViewportSize(390, 844);
      page.navigate(base + "executions/" + executionId);
      assertThat(page.getByTestId("execution-status")).containsText("succeeded");
      assertThat(node(page, "pay")).hasAttribute("data-status", "succeeded");
      assertThat(page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"))
          .as("no sideways scrolling at 390 px")
          .isEqualTo(true);
      check(page, "10-phone-execution");

      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
      assertThat(page.getByLabel("API key")).isVisible();
      assertThat(page.evaluate("() => sessionStorage.length")).isEqualTo(0);
    }
  }

  @Test
  void a_viewer_is_not_offered_running_flows_or_answering_approvals() throws Exception {
    String viewerKey = createKey("auditor", "viewer");
    var started =
        call("POST", "/api/v1/flows/refund/executions", "application/json", "{}", ownerKey);
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    String executionId = JSON.readTree(started.body()).get("id").asText();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                get("/api/v1/approvals?status=pending&execution=" + executionId)
                    .get("items")
                    .size(),
            n -> n == 1);

    try (BrowserContext context = browser.context(1280, 900)) {
      Page page = context.newPage();
      page.navigate(base + "flows/refund/1.0.0");
      signIn(page, viewerKey);
      assertThat(page.locator(".react-flow__node").first()).isVisible();
      assertThat(page.getByText("viewer", new Page.GetByTextOptions().setExact(true))).isVisible();
      assertThat(
              page.getByRole(
                  AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Run refund@1.0.0")))
          .hasCount(0);

      page.navigate(base + "approvals");
      Locator card = page.locator("[data-approval]").first();
      assertThat(card).containsText("may not answer");
      assertThat(card.getByRole(AriaRole.BUTTON)).hasCount(0);

      page.navigate(base + "executions/" + executionId);
      assertThat(node(page, "review")).hasAttribute("data-status", "waiting");
      assertThat(
              page.getByRole(
                  AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cancel execution")))
          .hasCount(0);
      check(page, "11-viewer-execution");
    }
  }

  /** Signs in on the sign-in form (navigating again keeps the tab's session). */
  private static void signIn(Page page, String key) {
    page.getByLabel("API key").fill(key);
    page.getByLabel("API key").press("Enter");
    assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")))
        .isVisible();
  }

  private static Locator node(Page page, String id) {
    return page.locator(".react-flow [data-node='" + id + "']");
  }

  /** Screenshots the page and checks it with axe-core: no serious or critical violation. */
  private static void check(Page page, String name) {
    page.waitForLoadState();
    Browser.screenshot(page, name);
    Object violations =
        page.evaluate(
            """
            async () => {
              const result = await axe.run(document, { resultTypes: ['violations'] });
              return result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at '
                  + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '));
            }
            """);
    assertThat((List<?>) violations).as("axe on " + name).isEmpty();
  }

  private static String createKey(String name, String role) throws Exception {
    var answer =
        call(
            "POST",
            "/api/v1/keys",
            "application/json",
            "{\"name\": \"" + name + "\", \"role\": \"" + role + "\"}",
            ownerKey);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    return JSON.readTree(answer.body()).get("key").asText();
  }

  private static JsonNode get(String path) throws IOException, InterruptedException {
    var answer = call("GET", path, null, null, ownerKey);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return JSON.readTree(answer.body());
  }

  private static HttpResponse<String> call(
      String method, String path, String type, String body, String key)
      throws IOException, InterruptedException {
    var request =
        HttpRequest.newBuilder(URI.create(base + path.substring(1)))
            .timeout(Duration.ofSeconds(20))
            .header("Authorization", "Bearer " + key);
    if (type != null) {
      request.header("Content-Type", type);
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
