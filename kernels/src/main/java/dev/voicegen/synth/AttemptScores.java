package dev.voicegen.synth;

import java.io.Serializable;
import java.util.List;

/**
 * The scores of one attempt at a row ({@code --attempts}) and the acceptance gates it missed; a
 * score is null where it was not computed (no DNSMOS model, no Whisper check, an engine that does
 * not clone).
 *
 * @param attempt which attempt, from 1
 * @param seed the sampling seed of the attempt, or null for a deterministic engine
 * @param dnsmosSig DNSMOS P.835 speech quality (SIG)
 * @param dnsmosBak DNSMOS P.835 background quality (BAK)
 * @param dnsmosOvrl DNSMOS P.835 overall quality (OVRL), the score {@code --minDnsmos} gates
 * @param dnsmosP808 DNSMOS P.808 MOS
 * @param speakerSimilarity cosine of the speaker embeddings of output and reference
 * @param cer Whisper's character error rate against the text ({@code --verifyAsr})
 * @param missedGates the options of the gates this attempt missed ({@link AcceptanceGates}), empty
 *     when it passed them all
 */
public record AttemptScores(
    int attempt,
    Long seed,
    Double dnsmosSig,
    Double dnsmosBak,
    Double dnsmosOvrl,
    Double dnsmosP808,
    Double speakerSimilarity,
    Double cer,
    List<String> missedGates)
    implements Serializable {

  public AttemptScores {
    missedGates = List.copyOf(missedGates);
  }

  /** These scores with the gates they missed. */
  public AttemptScores missing(List<String> gates) {
    return new AttemptScores(
        attempt, seed, dnsmosSig, dnsmosBak, dnsmosOvrl, dnsmosP808, speakerSimilarity, cer, gates);
  }

  public boolean passed() {
    return missedGates.isEmpty();
  }
}
