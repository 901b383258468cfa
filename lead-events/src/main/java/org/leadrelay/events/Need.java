package org.leadrelay.events;

import java.util.List;
import java.util.stream.Stream;

/**
 * What the customer needs: products (such as {@code postgresql}, {@code java}) and services (such as
 * {@code migration}, {@code training}); at least one of either. Nothing in it names a person: the
 * customer's own words about it are personal data, and travel sealed ({@link PersonalData}).
 */
public record Need(List<String> products, List<String> services, Environment environment) {

    public Need {
        products = Require.list(products);
        services = Require.list(services);
        environment = environment == null ? Environment.NONE : environment;
        if (products.isEmpty() && services.isEmpty()) {
            throw new IllegalArgumentException("need.products or need.services must name at least one item");
        }
    }

    /** Every speciality the need names: products, services and the environment. */
    public List<String> specialities() {
        return Stream.of(products, services, environment.operatingSystems(), environment.databases(),
                        environment.applicationServers())
                .flatMap(List::stream)
                .distinct()
                .toList();
    }
}
