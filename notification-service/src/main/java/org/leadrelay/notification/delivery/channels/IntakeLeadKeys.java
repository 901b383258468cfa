package org.leadrelay.notification.delivery.channels;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.leadrelay.events.LeadKey;
import org.leadrelay.kit.messaging.ServiceUnavailableException;
import org.leadrelay.notification.delivery.LeadKeys;
import org.leadrelay.notification.delivery.LeadKeysProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * Reads a lead's key from lead-intake's {@code GET /api/keys/{leadId}} with this service's key
 * reader account. 410 (erased) and 404 (unknown) mean no key; a 5xx, a refused connection or a
 * timeout mean lead-intake is unavailable, and the record waits for it; 401 or 403 (this service's
 * account refused) is a configuration error, reported as such and retried as any failure.
 */
@Component
class IntakeLeadKeys implements LeadKeys {

    private final RestClient http;

    IntakeLeadKeys(LeadKeysProperties properties) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(properties.timeout()).build());
        requests.setReadTimeout(properties.timeout());
        String credentials = Base64.getEncoder()
                .encodeToString((properties.username() + ":" + properties.password()).getBytes(StandardCharsets.UTF_8));
        this.http = RestClient.builder().requestFactory(requests).baseUrl(properties.url().toString())
                .defaultHeader("Authorization", "Basic " + credentials).build();
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<LeadKey> find(UUID leadId) {
        try {
            Map<String, Object> answer = http.get().uri("/api/keys/{leadId}", leadId).accept(MediaType.APPLICATION_JSON)
                    .retrieve().body(Map.class);
            return Optional.of(LeadKey.ofBase64((String) answer.get("key")));
        } catch (RestClientResponseException e) {
            if (e.getStatusCode().isSameCodeAs(HttpStatus.GONE) || e.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND)) {
                return Optional.empty();
            }
            if (e.getStatusCode().is5xxServerError()) {
                throw new ServiceUnavailableException("lead-intake answered " + e.getStatusCode().value() + " for a lead's key", e);
            }
            throw new IllegalStateException("lead-intake refused this service's key reader account ("
                    + e.getStatusCode().value() + "): check leadrelay.notification.lead-keys.*", e);
        } catch (ResourceAccessException e) {
            throw new ServiceUnavailableException("lead-intake did not answer for a lead's key: " + e.getMessage(), e);
        }
    }
}
