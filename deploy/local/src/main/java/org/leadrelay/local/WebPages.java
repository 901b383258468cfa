package org.leadrelay.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import tools.jackson.databind.json.JsonMapper;

/** The small HTTP servers of the stack's helpers (mail catcher, demo partner): loopback, JSON and plain HTML. */
final class WebPages {

    static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();

    private WebPages() {
    }

    static HttpServer server(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            server.setExecutor(Executors.newFixedThreadPool(4, runnable -> {
                Thread thread = new Thread(runnable, "local-web-" + port);
                thread.setDaemon(true);
                return thread;
            }));
            return server;
        } catch (IOException e) {
            throw new StackException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
    }

    static void json(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, "application/json", JSON.writeValueAsBytes(body));
    }

    static void html(HttpExchange exchange, String title, String body) throws IOException {
        String page = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"5\">"
                + "<title>" + escape(title) + "</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
                + "td,th{border:1px solid #ccc;padding:.4em;vertical-align:top;text-align:left}pre{white-space:pre-wrap;margin:0}"
                + ".ok{color:#070}.bad{color:#b00}</style></head><body><h1>" + escape(title) + "</h1>" + body + "</body></html>";
        send(exchange, 200, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
