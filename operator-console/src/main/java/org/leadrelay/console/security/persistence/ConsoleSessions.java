package org.leadrelay.console.security.persistence;

import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.session.MapSession;
import org.springframework.session.SessionRepository;
import org.springframework.session.config.annotation.web.http.EnableSpringHttpSession;

/**
 * HTTP sessions in the console's database instead of each instance's memory (Spring Session's
 * filter in front of Spring Security), so several console instances behind a load balancer serve
 * the same signed-in browser. A session lasts {@code server.servlet.session.timeout} (30 minutes)
 * after its last request.
 */
@Configuration(proxyBeanMethods = false)
@EnableSpringHttpSession
class ConsoleSessions {

    @Bean
    SessionRepository<MapSession> sessionRepository(MongoTemplate mongo, Clock clock,
            @Value("${server.servlet.session.timeout:30m}") Duration timeout) {
        return new MongoSessions(mongo, timeout, clock);
    }
}
