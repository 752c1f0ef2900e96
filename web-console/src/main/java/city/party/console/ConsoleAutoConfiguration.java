package city.party.console;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.config.ResourceHandlerRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Serves the web console from this jar: the built files live under {@code META-INF/resources}
 * (Spring's default static location), and every route of the single-page app answers with
 * {@code index.html}, so a reload or a bookmarked deep link works.
 * <p>
 * The routes are listed rather than "everything that is not an API": a catch-all would shadow the
 * gateway's own paths (routes, fallbacks, API docs) and would change what an unknown path does.
 * Keep {@link #APP_ROUTES} in step with {@code src/router.js}.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnProperty(name = "platform.console.enabled", havingValue = "true", matchIfMissing = true)
public class ConsoleAutoConfiguration {

    /** Client-side routes of the console (src/router.js). */
    public static final List<String> APP_ROUTES = List.of("/", "/public", "/public/**", "/dashboard",
            "/organizations", "/organizations/**", "/members/**", "/activities", "/activities/**", "/sign-in/**",
            "/donations", "/donations/**", "/honors", "/honors/**");

    static final String INDEX = "META-INF/resources/index.html";

    @Bean
    RouterFunction<ServerResponse> consoleRoutes() {
        Resource index = new ClassPathResource(INDEX);
        RequestPredicate appRoute = APP_ROUTES.stream().map(RequestPredicates::path).reduce(RequestPredicate::or)
                .orElseThrow();
        return RouterFunctions.route(RequestPredicates.GET("/**").and(appRoute), request -> index.exists()
                // the shell names the hashed bundles of the current build: never cache it
                ? ServerResponse.ok().contentType(MediaType.TEXT_HTML).cacheControl(CacheControl.noCache())
                        .body(BodyInserters.fromResource(index))
                : ServerResponse.notFound().build());
    }

    /** Bundles are content-hashed by Vite: a browser may keep them for a year. */
    @Bean
    WebFluxConfigurer consoleAssets() {
        return new WebFluxConfigurer() {
            @Override
            public void addResourceHandlers(ResourceHandlerRegistry registry) {
                registry.addResourceHandler("/assets/**").addResourceLocations("classpath:/META-INF/resources/assets/")
                        .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
            }
        };
    }
}
