package city.party.platform.web;

import java.time.Duration;

import city.party.platform.security.CallerScopeArgumentResolver;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;
import tools.jackson.databind.json.JsonMapper;

@AutoConfiguration(before = ErrorWebFluxAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class PlatformWebAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Problems problems(MessageSource messageSource) {
        // A mapper of our own: problem bodies must not change shape with an application's Jackson settings.
        return new Problems(messageSource, JsonMapper.builder().build());
    }

    @Bean
    @Order(-2)
    ProblemWebExceptionHandler problemWebExceptionHandler(Problems problems) {
        return new ProblemWebExceptionHandler(problems);
    }

    @Bean
    @ConditionalOnMissingBean
    CorrelationIdWebFilter correlationIdWebFilter() {
        return new CorrelationIdWebFilter();
    }

    @Bean
    @ConditionalOnMissingBean
    StalledRequestWatchdog stalledRequestWatchdog(
            @Value("${platform.web.stalled-request.threshold:30s}") Duration threshold,
            @Value("${platform.web.stalled-request.thread-dump:false}") boolean threadDump) {
        return new StalledRequestWatchdog(threshold, threadDump);
    }

    @Bean
    WebFluxConfigurer callerScopeArgumentResolver() {
        return new WebFluxConfigurer() {
            @Override
            public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
                configurer.addCustomResolver(new CallerScopeArgumentResolver());
            }
        };
    }
}
