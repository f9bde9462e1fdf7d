package dev.voicegen.models;

/**
 * The hub refused a download (HTTP 401 or 403): the repository is gated and no token, or the token
 * of a user who has not accepted its terms, was sent. The message says where to accept the terms
 * and how to give the token.
 */
public class GatedModelException extends ModelDownloadException {
  private static final long serialVersionUID = 1L;

  public GatedModelException(String message) {
    super(message);
  }
}
