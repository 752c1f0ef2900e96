package city.party.platform.web;

import java.time.Duration;

import city.party.platform.security.CallerScopeArgumentResolver;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
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

    /** Requests Netty refuses before Spring sees them (414, 431, bad request line) get a problem body too. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "reactor.netty.http.server.HttpServer")
    static class NettyProblems {

        @Bean
        NettyServerCustomizer decodingFailureProblems() {
            return DecodingFailureProblems.customizer();
        }
    }

    /** The security firewall's refusals (encoded slashes, {@code ..}, NUL …) as problems, not bare 400s. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ServerExchangeRejectedHandler.class)
    static class FirewallProblems {

        @Bean
        @ConditionalOnMissingBean
        ServerExchangeRejectedHandler problemExchangeRejectedHandler(Problems problems) {
            return new ProblemExchangeRejectedHandler(problems);
        }
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
