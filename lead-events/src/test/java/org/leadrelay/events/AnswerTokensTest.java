package org.leadrelay.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AnswerTokensTest {

    private final AnswerTokens tokens = new AnswerTokens("an-answer-signing-key-of-32-bytes-or-more".getBytes(StandardCharsets.UTF_8));
    private final AnswerTokens.Claims claims = new AnswerTokens.Claims(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
            EventSamples.NOW.plusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));

    @Test
    void aGenuineTokenGivesBackItsClaims() {
        assertThat(tokens.verify(tokens.issue(claims), EventSamples.NOW)).isEqualTo(claims);
    }

    @Test
    void refusesATokenPastItsDeadline() {
        String token = tokens.issue(claims);

        assertThatThrownBy(() -> tokens.verify(token, claims.expiresAt()))
                .isInstanceOfSatisfying(InvalidAnswerTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidAnswerTokenException.Reason.EXPIRED));
    }

    @Test
    void refusesATokenSignedWithAnotherKey() {
        AnswerTokens other = new AnswerTokens("another-answer-signing-key-of-32-bytes!!".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> tokens.verify(other.issue(claims), EventSamples.NOW))
                .isInstanceOfSatisfying(InvalidAnswerTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidAnswerTokenException.Reason.FORGED));
    }

    @Test
    void refusesATokenWhoseClaimsWereChanged() {
        String token = tokens.issue(claims);
        AnswerTokens.Claims longer = new AnswerTokens.Claims(claims.leadId(), claims.assignmentId(), claims.partnerId(),
                Instant.parse("2099-01-01T00:00:00Z"));
        String forged = tokens.issue(longer).substring(0, tokens.issue(longer).indexOf('.')) + token.substring(token.indexOf('.'));

        assertThatThrownBy(() -> tokens.verify(forged, EventSamples.NOW))
                .isInstanceOfSatisfying(InvalidAnswerTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidAnswerTokenException.Reason.FORGED));
    }

    @Test
    void refusesGarbage() {
        assertThatThrownBy(() -> tokens.verify("not-a-token", EventSamples.NOW))
                .isInstanceOfSatisfying(InvalidAnswerTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidAnswerTokenException.Reason.MALFORMED));
        assertThatThrownBy(() -> tokens.verify("%%%.%%%", EventSamples.NOW)).isInstanceOf(InvalidAnswerTokenException.class);
    }

    @Test
    void duringARotationTokensSignedWithThePreviousKeyAreStillAcceptedAndNewOnesUseTheNewKey() {
        byte[] oldKey = "an-answer-signing-key-of-32-bytes-or-more".getBytes(StandardCharsets.UTF_8);
        byte[] newKey = "the-next-answer-signing-key-of-32-bytes!!".getBytes(StandardCharsets.UTF_8);
        AnswerTokens.Claims claims = new AnswerTokens.Claims(java.util.UUID.randomUUID(), java.util.UUID.randomUUID(),
                java.util.UUID.randomUUID(), java.time.Instant.parse("2030-01-01T00:00:00Z"));
        String sentBefore = new AnswerTokens(oldKey).issue(claims);
        AnswerTokens rotating = new AnswerTokens(newKey, java.util.List.of(oldKey));
        java.time.Instant now = java.time.Instant.parse("2029-12-31T00:00:00Z");

        assertThat(rotating.verify(sentBefore, now)).isEqualTo(claims);
        String sentAfter = rotating.issue(claims);
        assertThat(new AnswerTokens(newKey).verify(sentAfter, now)).as("signed with the new key").isEqualTo(claims);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AnswerTokens(newKey).verify(sentBefore, now))
                .as("once the previous key is dropped").isInstanceOf(InvalidAnswerTokenException.class);
    }
}
