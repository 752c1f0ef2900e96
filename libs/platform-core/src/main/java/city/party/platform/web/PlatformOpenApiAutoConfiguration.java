package city.party.platform.web;

import city.party.platform.security.CallerScope;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Every service's OpenAPI document ({@code /v3/api-docs}) names the service, its version and the
 * bearer-token security every endpoint expects; the gateway aggregates them in one UI.
 */
@AutoConfiguration
@ConditionalOnClass(OpenAPI.class)
public class PlatformOpenApiAutoConfiguration {

    static {
        // resolved from the token (CallerScopeArgumentResolver), never sent by a client: without this
        // every operation documented a required query parameter "caller" that does not exist
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(CallerScope.class);
    }

    @Bean
    @ConditionalOnMissingBean
    OpenAPI platformOpenApi(Environment environment) {
        String name = environment.getProperty("spring.application.name", "application");
        return new OpenAPI()
                .info(new Info().title(name).version(environment.getProperty("platform.api.version", "v1"))
                        .description("市直机关党建平台 — " + name + ". Errors are RFC 9457 problem+json "
                                + "(see docs/api/problems.md)."))
                .components(new Components().addSecuritySchemes("bearer", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("Access token from Keycloak realm `party` (audience `party-api`).")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
