package org.leadrelay.notification.support;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.leadrelay.kit.webhooks.WebhookUrlPolicy;

/**
 * DNS as the tests script it: the service resolves webhook hosts with this lookup. A scripted name
 * gives its answers in turn, the last one again and again, as a name whose owner changes its
 * records (DNS rebinding) does; other names, and address literals, are resolved by the system.
 */
public class ScriptedDns implements WebhookUrlPolicy.HostLookup {

    private final Map<String, Deque<InetAddress[]>> scripts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> lookups = new ConcurrentHashMap<>();

    /**
     * The name resolves to each answer in turn (an answer is an address, or several separated by
     * commas), then to the last for good; without answers, it does not resolve.
     */
    public void script(String name, String... answers) {
        Deque<InetAddress[]> queue = new ArrayDeque<>();
        for (String answer : answers) {
            queue.add(Arrays.stream(answer.split(",")).map(ScriptedDns::literal).toArray(InetAddress[]::new));
        }
        scripts.put(name, queue);
        lookups.remove(name);
    }

    /** How many times the service looked the name up. */
    public int lookups(String name) {
        AtomicInteger count = lookups.get(name);
        return count == null ? 0 : count.get();
    }

    @Override
    public InetAddress[] addresses(String host) throws UnknownHostException {
        Deque<InetAddress[]> script = scripts.get(host);
        if (script == null) {
            return InetAddress.getAllByName(host);
        }
        lookups.computeIfAbsent(host, name -> new AtomicInteger()).incrementAndGet();
        synchronized (script) {
            if (script.isEmpty()) {
                throw new UnknownHostException(host);
            }
            return script.size() > 1 ? script.poll() : script.peek();
        }
    }

    /** The address an answer names, made without resolving anything; literals only. */
    private static InetAddress literal(String address) {
        try {
            return InetAddress.getByName(address.strip());
        } catch (UnknownHostException notALiteral) {
            throw new IllegalArgumentException("a scripted answer is an address: " + address, notALiteral);
        }
    }
}
