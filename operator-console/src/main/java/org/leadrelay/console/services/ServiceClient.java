package org.leadrelay.console.services;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * Calls one owning service's operator API. A refusal (4xx, 5xx) becomes a {@link Refused} carrying
 * the problem's detail, which the page shows as it is.
 */
public class ServiceClient {

    private final RestClient http;

    public ServiceClient(ServicesProperties.Service service) {
        String credentials = Base64.getEncoder().encodeToString((service.username() + ":" + service.password()).getBytes(StandardCharsets.UTF_8));
        this.http = RestClient.builder().baseUrl(service.url().toString()).defaultHeader("Authorization", "Basic " + credentials).build();
    }

    /** POSTs JSON (or nothing when {@code body} is null) and returns the answer's JSON as a map. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> post(String path, Object body) {
        try {
            RestClient.RequestBodySpec request = http.post().uri(path).accept(MediaType.APPLICATION_JSON);
            if (body != null) {
                request = request.contentType(MediaType.APPLICATION_JSON).body(body);
            }
            Map<String, Object> answer = request.retrieve().body(Map.class);
            return answer == null ? Map.of() : answer;
        } catch (RestClientResponseException e) {
            throw Refused.of(e);
        }
    }

    public void delete(String path) {
        try {
            http.delete().uri(path).retrieve().toBodilessEntity();
        } catch (RestClientResponseException e) {
            throw Refused.of(e);
        }
    }

    /** GETs JSON. */
    public <T> T get(String path, Class<T> type) {
        try {
            return http.get().uri(path).accept(MediaType.APPLICATION_JSON).retrieve().body(type);
        } catch (RestClientResponseException e) {
            throw Refused.of(e);
        }
    }

    /** The owning service said no: its status and its problem's detail (or title). */
    public static final class Refused extends RuntimeException {

        private final HttpStatusCode status;

        Refused(HttpStatusCode status, String detail) {
            super(detail);
            this.status = status;
        }

        public HttpStatusCode status() {
            return status;
        }

        static Refused of(RestClientResponseException e) {
            String detail = e.getStatusText();
            try {
                Map<?, ?> problem = e.getResponseBodyAs(Map.class);
                if (problem != null && problem.get("detail") != null) {
                    detail = problem.get("detail").toString();
                } else if (problem != null && problem.get("title") != null) {
                    detail = problem.get("title").toString();
                }
            } catch (RuntimeException unreadable) {
                // not a problem document: keep the status text
            }
            return new Refused(e.getStatusCode(), e.getStatusCode().value() + " " + detail);
        }
    }
}
