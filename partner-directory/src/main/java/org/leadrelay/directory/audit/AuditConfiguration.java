package org.leadrelay.directory.audit;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    @Bean
    Changes changes(JsonMapper json) {
        return new Changes(json);
    }
}
