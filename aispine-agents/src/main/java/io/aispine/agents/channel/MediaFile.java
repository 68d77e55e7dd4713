package io.aispine.agents.channel;

import java.util.Objects;

/** Media downloaded from a channel: the bytes and what the channel said they are. */
public record MediaFile(String mediaId, String mimeType, byte[] bytes) {

  public MediaFile {
    Objects.requireNonNull(mediaId, "mediaId");
    mimeType = mimeType == null ? "application/octet-stream" : mimeType;
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The size in bytes. */
  public int size() {
    return bytes.length;
  }
}
