package io.backprop.access;

import java.util.List;

import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.session.DisableEncodeUrlFilter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import io.backprop.system.FieldViolation;
import io.backprop.web.CrossSiteGuard;
import io.backprop.web.ProblemResponses;
import io.backprop.web.Problems;
import io.backprop.web.WebProperties;

/**
 * Who may send which request, and the protective headers. With keys required ({@link AccessMode}) a request
 * carries {@code Authorization: Bearer <key>}, and its key's role decides: readers read and predict, trainers
 * also train and manage their own models and data sets, admins also manage keys, read the audit trail and the
 * actuator. Health probes (the actuator's and the inference protocol's), the page and the API documentation are
 * public. Without keys (the loopback default), every request is the local user's, an admin. Spring Security's
 * CSRF tokens are off: the API has no cookies or sessions to ride on, and {@link CrossSiteGuard} turns away what a
 * foreign page could make a browser send.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /** The page loads its script, styles and Chart.js from here; Swagger UI needs inline styles and data: icons. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; "
            + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static final String[] PUBLIC_PAGES = {"/", "/index.html", "/app.js", "/app.css", "/favicon.ico",
        "/webjars/**", "/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs", "/v3/api-docs/**"};

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix().role(Role.ADMIN.name()).implies(Role.TRAINER.name())
                .role(Role.TRAINER.name()).implies(Role.READER.name()).build();
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, WebProperties web, ProblemResponses problems, AccessMode mode,
            ObjectProvider<ApiKeys> keys) {
        String reader = Role.READER.name();
        String trainer = Role.TRAINER.name();
        http.authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll()
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**", "/v2",
                                "/v2/health/**").permitAll()
                        .requestMatchers(HttpMethod.GET, PUBLIC_PAGES).permitAll()
                        .requestMatchers(HttpMethod.GET, "/models", "/models/**", "/datasets", "/datasets/**",
                                "/registry", "/registry/**", "/v2/models/**", "/searches", "/searches/**")
                        .hasRole(reader)
                        .requestMatchers(HttpMethod.POST, "/models/*/predict", "/models/*/evaluate",
                                "/models/*/trace", "/models/*/sensitivity", "/models/*/gradient-check",
                                "/registry/*/*/*/predict", "/registry/*/*/*/evaluate", "/v2/models/*/infer",
                                "/v2/models/*/versions/*/infer").hasRole(reader)
                        .requestMatchers(HttpMethod.POST, "/models", "/datasets", "/models/*/stop", "/models/*/cancel",
                                "/models/*/replay", "/searches", "/searches/*/cancel", "/searches/*/register")
                        .hasRole(trainer)
                        .requestMatchers(HttpMethod.PUT, "/registry/*/aliases/*").hasRole(trainer)
                        .requestMatchers(HttpMethod.DELETE, "/models/*", "/datasets/*", "/registry/*/aliases/*",
                                "/registry/*/versions/*", "/searches/*").hasRole(trainer)
                        // the admin endpoints, the actuator's others, and whatever a later feature adds unlisted
                        .anyRequest().hasRole(Role.ADMIN.name()))
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(unauthorized(problems))
                        .accessDeniedHandler(forbidden(problems)))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(frames -> frames.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .addFilterAfter(new CrossSiteGuard(web.allowedOrigins(), problems), DisableEncodeUrlFilter.class);
        if (web.allowedOrigins().isEmpty()) {
            http.cors(AbstractHttpConfigurer::disable);
        }
        else {
            http.cors(cors -> cors.configurationSource(cors(web.allowedOrigins())));
        }
        if (mode.keysRequired()) {
            AuthenticationFilter bearer = new AuthenticationFilter(
                    new ProviderManager(ApiKeyAuthentication.provider(keys.getObject())),
                    ApiKeyAuthentication.converter());
            // on success the request goes on (the default would redirect, as after a login form)
            bearer.setSuccessHandler((request, response, authentication) -> { });
            bearer.setFailureHandler(new AuthenticationEntryPointFailureHandler(unauthorized(problems)));
            http.addFilterBefore(bearer, AnonymousAuthenticationFilter.class);
        }
        else {
            http.anonymous(anonymous -> anonymous.principal(Caller.LOCAL).authorities(Role.ADMIN.authority()));
        }
        return http.build();
    }

    /** Pages of these origins may call the API from a browser, sending a key; none unless configured. */
    private static UrlBasedCorsConfigurationSource cors(List<String> origins) {
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(origins);
        configuration.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE"));
        configuration.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE,
                HttpHeaders.CONTENT_ENCODING));
        configuration.setExposedHeaders(List.of(HttpHeaders.LOCATION, HttpHeaders.RETRY_AFTER, "RateLimit-Limit",
                "RateLimit-Remaining", "RateLimit-Reset", "RateLimit-Policy"));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", configuration);
        return source;
    }

    private static AuthenticationEntryPoint unauthorized(ProblemResponses problems) {
        return (request, response, exception) -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
            boolean bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
            problems.write(response, Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "Key needed", bearer
                    ? "The key is unknown or was revoked."
                    : "This request needs an API key: send Authorization: Bearer <key>."));
        };
    }

    private static AccessDeniedHandler forbidden(ProblemResponses problems) {
        return (request, response, exception) -> {
            String role = Caller.current().map(caller -> caller.role().name().toLowerCase()).orElse("this");
            problems.write(response, Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Not allowed for "
                    + "this key's role", "A " + role + " key may not " + request.getMethod() + " "
                    + FieldViolation.describe(request.getRequestURI()) + ". Readers read and predict; trainers also "
                    + "train, upload, stop, cancel and delete; admins also manage keys and read the audit trail and "
                    + "the actuator."));
        };
    }
}
