package io.aispine.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aispine.store.SecretStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** The behaviour every dialect must show for secrets: ciphertext by workspace and name. */
abstract class SecretStoreContract extends StoreContract {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final String WS = SecretStore.DEFAULT_WORKSPACE;

  private static SecretStore.Row row(String name, String bytes, long key, Instant at) {
    return new SecretStore.Row(WS, name, bytes.getBytes(), key, at, at);
  }

  @Test
  void puts_replaces_keeping_creation_time_lists_and_deletes_by_workspace() {
    SecretStore secrets = store.secrets();
    assertThat(secrets.put(row("B", "cipher-b", 1, T0))).isTrue();
    assertThat(secrets.put(row("A", "cipher-a", 1, T0))).isTrue();
    Instant later = T0.plus(5, ChronoUnit.MINUTES);
    assertThat(secrets.put(row("A", "cipher-a2", 2, later))).isFalse();

    var a = secrets.find(WS, "A").orElseThrow();
    assertThat(new String(a.ciphertext())).isEqualTo("cipher-a2");
    assertThat(a.keyId()).isEqualTo(2);
    assertThat(a.createdAt()).isEqualTo(T0);
    assertThat(a.updatedAt()).isEqualTo(later);
    assertThat(secrets.list(WS)).extracting(SecretStore.Row::name).containsExactly("A", "B");
    assertThat(secrets.list("other")).isEmpty();
    assertThat(secrets.find("other", "A")).isEmpty();

    assertThat(secrets.delete(WS, "A")).isTrue();
    assertThat(secrets.delete(WS, "A")).isFalse();
    reopen();
    assertThat(store.secrets().list(WS)).extracting(SecretStore.Row::name).containsExactly("B");
  }

  @Test
  void re_encrypts_every_secret_in_one_transaction_or_not_at_all() {
    SecretStore secrets = store.secrets();
    secrets.put(row("A", "a1", 1, T0));
    secrets.put(row("B", "b1", 1, T0));

    assertThatThrownBy(
            () ->
                secrets.reencryptAll(
                    r -> {
                      if (r.name().equals("B")) {
                        throw new IllegalStateException("cannot decrypt B");
                      }
                      return r.withCiphertext("new".getBytes(), 2, T0);
                    }))
        .hasMessageContaining("cannot decrypt B");
    assertThat(secrets.list(WS)).allSatisfy(r -> assertThat(r.keyId()).isEqualTo(1));

    Instant at = T0.plusSeconds(60);
    int count = secrets.reencryptAll(r -> r.withCiphertext((r.name() + "2").getBytes(), 7, at));
    assertThat(count).isEqualTo(2);
    assertThat(secrets.list(WS))
        .allSatisfy(
            r -> {
              assertThat(r.keyId()).isEqualTo(7);
              assertThat(new String(r.ciphertext())).isEqualTo(r.name() + "2");
              assertThat(r.updatedAt()).isEqualTo(at);
              assertThat(r.createdAt()).isEqualTo(T0);
            });
  }
}
