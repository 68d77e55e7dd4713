package io.aispine.server.internal.llm;

import io.aispine.agent.AgentException;
import io.aispine.api.Items;
import io.aispine.api.ModelProvider;
import io.aispine.api.Problem;
import io.aispine.api.ProviderCheck;
import io.aispine.api.ProviderRequest;
import io.aispine.llm.ChatClients;
import io.aispine.server.internal.auth.Caller;
import io.aispine.server.internal.http.Json;
import io.aispine.server.internal.http.Printable;
import io.aispine.server.internal.http.ProblemException;
import io.aispine.server.internal.http.QueryParams;
import io.aispine.server.internal.http.RequestBodies;
import io.aispine.store.ModelProviders;
import io.aispine.store.ModelProviders.Kind;
import io.aispine.store.ModelProviders.Provider;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The model providers of the caller's workspace ({@code /api/v1/providers}): add or change one (its
 * key is write-only), list, read, remove, make one the default, and test that it answers. Another
 * workspace's provider reads exactly as one that does not exist.
 */
public final class ProviderRoutes {

  /** How long one call may take when the provider sets nothing else. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

  private final ModelProviders providers;
  private final InstantSource clock;

  public ProviderRoutes(ModelProviders providers, InstantSource clock) {
    this.providers = providers;
    this.clock = clock;
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/providers", this::list);
    routes.get("/api/v1/providers/{name}", ctx -> Json.write(ctx, 200, view(existing(ctx))));
    routes.put("/api/v1/providers/{name}", this::put);
    routes.delete("/api/v1/providers/{name}", this::delete);
    routes.post("/api/v1/providers/{name}/default", this::makeDefault);
    routes.post("/api/v1/providers/{name}/test", this::test);
  }

  private void list(Context ctx) {
    String workspace = Caller.of(ctx).workspace();
    QueryParams.allowOnly(ctx, Set.of());
    Json.write(
        ctx,
        200,
        new Items<>(providers.list(workspace).stream().map(ProviderRoutes::view).toList()));
  }

  private void put(Context ctx) {
    String workspace = Caller.of(ctx).workspace();
    QueryParams.allowOnly(ctx, Set.of());
    String name = ctx.pathParam("name");
    if (!NAME.matcher(name).matches()) {
      throw new ProblemException(
          Problem.badRequest(
              "provider name '"
                  + Printable.clip(name)
                  + "' must be lower-case letters, digits, '.', '_' or '-' (at most 63)"));
    }
    ProviderRequest request = RequestBodies.json(ctx, ProviderRequest.class);
    Kind kind = kind(request.kind());
    String url = url(request.baseUrl());
    var existing = providers.find(workspace, name);
    var provider =
        new Provider(
            workspace,
            name,
            kind,
            url,
            request.defaultModel(),
            request.timeoutSeconds() == null
                ? DEFAULT_TIMEOUT
                : Duration.ofSeconds(timeout(request.timeoutSeconds())),
            existing.map(Provider::isDefault).orElse(false),
            false,
            existing.map(Provider::createdAt).orElse(clock.instant()));
    providers.save(provider, blankToNull(request.apiKey()));
    boolean first = providers.list(workspace).size() == 1;
    if (Boolean.TRUE.equals(request.makeDefault()) || first) {
      providers.makeDefault(workspace, name); // the only provider is the default one
    }
    Json.write(
        ctx, existing.isPresent() ? 200 : 201, view(providers.find(workspace, name).orElseThrow()));
  }

  private void delete(Context ctx) {
    String workspace = Caller.of(ctx).workspace();
    QueryParams.allowOnly(ctx, Set.of());
    Provider provider = existing(ctx);
    providers.delete(workspace, provider.name());
    ctx.status(204);
  }

  private void makeDefault(Context ctx) {
    String workspace = Caller.of(ctx).workspace();
    QueryParams.allowOnly(ctx, Set.of());
    Provider provider = existing(ctx);
    providers.makeDefault(workspace, provider.name());
    Json.write(ctx, 200, view(providers.find(workspace, provider.name()).orElseThrow()));
  }

  private void test(Context ctx) throws InterruptedException {
    String workspace = Caller.of(ctx).workspace();
    QueryParams.allowOnly(ctx, Set.of());
    Provider provider = existing(ctx);
    long started = System.nanoTime();
    io.aispine.api.ErrorInfo error = null;
    try {
      ChatClients.of(provider, providers.apiKey(workspace, provider.name()).orElse(null)).check();
    } catch (AgentException e) {
      error = new io.aispine.api.ErrorInfo(e.code(), e.getMessage(), e.toErrorInfo().retryable());
    }
    long latency = Duration.ofNanos(System.nanoTime() - started).toMillis();
    Instant now = clock.instant();
    Json.write(
        ctx,
        200,
        new ProviderCheck(provider.name(), error == null ? "ok" : "down", latency, error, now));
  }

  private Provider existing(Context ctx) {
    String workspace = Caller.of(ctx).workspace();
    String name = ctx.pathParam("name");
    return providers
        .find(workspace, name)
        .orElseThrow(
            () ->
                new ProblemException(
                    Problem.notFound(
                        "no provider '"
                            + Printable.clip(name)
                            + "'; add it with PUT /api/v1/providers/"
                            + Printable.clip(name)
                            + " (aispine provider add)")));
  }

  static ModelProvider view(Provider p) {
    return new ModelProvider(
        p.name(),
        p.kind().name().toLowerCase(Locale.ROOT),
        p.baseUrl(),
        p.defaultModel(),
        p.timeout().toSeconds(),
        p.isDefault(),
        p.hasApiKey(),
        p.createdAt());
  }

  private static Kind kind(String kind) {
    if (kind == null) {
      throw new ProblemException(
          Problem.badField("/kind", "field /kind is required: openai, ollama or anthropic"));
    }
    try {
      return Kind.valueOf(kind.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ProblemException(
          Problem.badField(
              "/kind",
              "field /kind is '"
                  + Printable.clip(kind)
                  + "'; it must be openai (any OpenAI-compatible server), ollama or anthropic"));
    }
  }

  private static String url(String url) {
    if (url == null) {
      throw new ProblemException(
          Problem.badField(
              "/base_url", "field /base_url is required, e.g. http://127.0.0.1:11434"));
    }
    try {
      URI uri = URI.create(url.strip());
      if ((uri.getScheme() == null
              || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")))
          || uri.getHost() == null) {
        throw new IllegalArgumentException("not an http(s) URL");
      }
      return uri.toString();
    } catch (IllegalArgumentException e) {
      throw new ProblemException(
          Problem.badField(
              "/base_url",
              "field /base_url '"
                  + Printable.clip(url)
                  + "' is not an http(s) URL with a host, e.g. https://api.openai.com/v1"));
    }
  }

  private static int timeout(int seconds) {
    if (seconds < 1 || seconds > 3600) {
      throw new ProblemException(
          Problem.badField("/timeout_seconds", "field /timeout_seconds must be 1 to 3600"));
    }
    return seconds;
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
