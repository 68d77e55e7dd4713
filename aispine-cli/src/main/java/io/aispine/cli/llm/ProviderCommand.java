package io.aispine.cli.llm;

import io.aispine.api.ModelProvider;
import io.aispine.api.ProviderCheck;
import io.aispine.api.ProviderRequest;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.output.Output;
import io.aispine.cli.remote.RemoteCommand;
import io.aispine.sdk.AispineClient;
import java.util.LinkedHashMap;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aispine provider …}: the model providers llm nodes call. */
@Command(
    name = "provider",
    mixinStandardHelpOptions = true,
    description = "Add, list, test and choose the default model provider of the server.",
    subcommands = {
      ProviderCommand.Add.class,
      ProviderCommand.ListProviders.class,
      ProviderCommand.Test.class,
      ProviderCommand.MakeDefault.class
    })
public final class ProviderCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static void show(Output out, ModelProvider p) {
    if (out.isJson()) {
      out.json(p);
      return;
    }
    var fields = new LinkedHashMap<String, Object>();
    fields.put("name", p.name());
    fields.put("kind", p.kind());
    fields.put("url", p.baseUrl());
    fields.put("model", p.defaultModel() == null ? "-" : p.defaultModel());
    fields.put("default", p.isDefault());
    fields.put("api key", p.hasApiKey() ? "set (never shown)" : "none");
    out.fields(fields);
  }

  /** {@code aispine provider add NAME --kind K --base-url U [--api-key-env VAR] …}. */
  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = "Add a provider or change one (a missing key keeps the one set before).")
  static final class Add extends RemoteCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The provider's name.")
    String name;

    @Option(
        names = "--kind",
        required = true,
        description = "openai (any OpenAI-compatible server), ollama or anthropic.")
    String kind;

    @Option(
        names = "--base-url",
        required = true,
        paramLabel = "URL",
        description = "Base URL, e.g. https://api.openai.com/v1 or http://127.0.0.1:11434.")
    String baseUrl;

    @Option(names = "--model", description = "The model nodes use when they name none.")
    String model;

    @Option(
        names = "--api-key-env",
        paramLabel = "VAR",
        description = "The environment variable that holds the key (kept off the command line).")
    String apiKeyEnv;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Per call; default 30.")
    Integer timeout;

    @Option(names = "--default", description = "Make it the default provider.")
    boolean makeDefault;

    @Override
    protected int run(AispineClient client, Output out) {
      String key = null;
      if (apiKeyEnv != null) {
        key = System.getenv(apiKeyEnv);
        if (key == null || key.isBlank()) {
          err().println("environment variable " + apiKeyEnv + " is not set; export it first");
          err().flush();
          return ExitCodes.USAGE;
        }
      }
      show(
          out,
          client.putProvider(
              name,
              new ProviderRequest(
                  kind, baseUrl, model, key, timeout, makeDefault ? Boolean.TRUE : null)));
      return ExitCodes.OK;
    }
  }

  /** {@code aispine provider list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the providers.")
  static final class ListProviders extends RemoteCommand {
    @Override
    protected int run(AispineClient client, Output out) {
      List<ModelProvider> providers = client.listProviders();
      if (out.isJson()) {
        out.json(providers);
        return ExitCodes.OK;
      }
      out.table(
          List.of("NAME", "KIND", "URL", "MODEL", "DEFAULT", "KEY"),
          providers.stream()
              .map(
                  p ->
                      List.of(
                          p.name(),
                          p.kind(),
                          p.baseUrl(),
                          p.defaultModel() == null ? "-" : p.defaultModel(),
                          p.isDefault() ? "yes" : "",
                          p.hasApiKey() ? "set" : "none"))
              .toList(),
          "no providers; add one with `aispine provider add NAME --kind openai --base-url …`");
      return ExitCodes.OK;
    }
  }

  /** {@code aispine provider test NAME}: exit 1 when it is down. */
  @Command(
      name = "test",
      mixinStandardHelpOptions = true,
      description = "Check that a provider answers. Exit code 1 when it is down.")
  static final class Test extends RemoteCommand {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    protected int run(AispineClient client, Output out) {
      ProviderCheck check = client.testProvider(name);
      if (out.isJson()) {
        out.json(check);
      } else {
        out.writer()
            .println(
                name
                    + ": "
                    + check.status()
                    + " in "
                    + check.latencyMs()
                    + " ms"
                    + (check.error() == null ? "" : ": " + check.error()));
        out.writer().flush();
      }
      return check.status().equals("ok") ? ExitCodes.OK : ExitCodes.FAILED;
    }
  }

  /** {@code aispine provider default NAME}. */
  @Command(
      name = "default",
      mixinStandardHelpOptions = true,
      description = "Make a provider the one llm nodes use when they name none.")
  static final class MakeDefault extends RemoteCommand {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    protected int run(AispineClient client, Output out) {
      show(out, client.makeDefaultProvider(name));
      return ExitCodes.OK;
    }
  }
}
