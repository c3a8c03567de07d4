package dev.slipway.sync;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.support.SecretMasker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A GET that answers JSON, for the read-only APIs the wait asks (Argo CD, GitHub, Azure DevOps). */
final class JsonApi {
    static final ObjectMapper JSON = new ObjectMapper();

    /** An answer: the HTTP status and the body as JSON ({@code null} when it is not JSON). */
    record Answer(int status, Object body, String text) {
        Map<String, Object> object() {
            return ArgoCdRules.map(body);
        }
    }

    /** The service could not be reached (the wait retries until its deadline). */
    static final class Unreachable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreachable(String message) {
            super(message);
        }
    }

    private final HttpClient http;
    private final SecretMasker masker;

    JsonApi(HttpClient http, SecretMasker masker) {
        this.http = http;
        this.masker = masker;
    }

    Answer get(URI uri, Map<String, String> headers) throws Unreachable {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Object body;
            try {
                body = response.body() == null || response.body().isBlank() ? null
                        : JSON.readValue(response.body(), new TypeReference<Object>() { });
            } catch (IOException notJson) {
                body = null;
            }
            return new Answer(response.statusCode(), body, masker.mask(abbreviate(response.body())));
        } catch (IOException e) {
            throw new Unreachable("cannot reach " + uri.getScheme() + "://" + uri.getAuthority() + ": "
                    + masker.mask(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SyncException("interrupted while asking " + uri.getAuthority(), null);
        }
    }

    /** The service's own error text: Argo CD {@code message}, GitHub {@code message}, Azure DevOps {@code message}. */
    static String serviceMessage(Answer answer) {
        Object message = answer.object().get("message");
        return message == null ? answer.text() : String.valueOf(message);
    }

    static String abbreviate(String text) {
        String oneLine = text == null ? "" : text.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }
}
