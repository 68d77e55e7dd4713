package io.aispine.ui;

import com.microsoft.playwright.Browser.NewContextOptions;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Debian's Chromium driven by Playwright: no browser is downloaded (only Maven Central, npm and
 * Debian are reachable), the flags keep it quiet and offline, and axe-core comes from the console's
 * own npm packages.
 */
final class Browser implements AutoCloseable {

  static final List<String> FLAGS =
      List.of(
          "--no-sandbox",
          "--disable-gpu",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run");

  private final Playwright playwright;
  private final com.microsoft.playwright.Browser chromium;
  private final String axe = axeScript();

  private Browser(Path executable) {
    playwright =
        Playwright.create(
            new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    chromium =
        playwright
            .chromium()
            .launch(
                new BrowserType.LaunchOptions()
                    .setExecutablePath(executable)
                    .setHeadless(true)
                    .setArgs(FLAGS));
  }

  /** Debian's {@code chromium} on the PATH ({@code command -v chromium}), if installed. */
  static Optional<Path> chromiumOnPath() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "chromium");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  static Browser launch(Path executable) {
    return new Browser(executable);
  }

  /**
   * A fresh tab set (its own sessionStorage) at the given viewport, with axe-core in every page:
   * added as an init script, which the console's Content-Security-Policy (no inline scripts) does
   * not apply to, so the pages are checked under their real policy.
   */
  BrowserContext context(int width, int height) {
    BrowserContext context =
        chromium.newContext(new NewContextOptions().setViewportSize(width, height));
    context.addInitScript(axe);
    return context;
  }

  /** axe-core's script, from the console's npm packages (a dev dependency). */
  private static String axeScript() {
    Path web = Path.of(System.getProperty("aispine.console.web", "web"));
    try {
      return Files.readString(web.resolve("node_modules/axe-core/axe.min.js"));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "axe-core is missing: run `npm ci` in " + web + " (the Maven build does)", e);
    }
  }

  /** Takes a full-page screenshot into {@code target/console-screenshots/name.png}. */
  static void screenshot(Page page, String name) {
    page.screenshot(
        new Page.ScreenshotOptions()
            .setPath(Path.of("target", "console-screenshots", name + ".png"))
            .setFullPage(true));
  }

  @Override
  public void close() {
    chromium.close();
    playwright.close();
  }
}
