package io.backprop.access;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * {@code Authorization: Bearer <key>}: the converter takes the key from the request, the provider turns it into
 * its {@link Caller} with the key's role as authority, or refuses it (401).
 */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private static final String BEARER = "Bearer ";

    private final String key;
    private final Caller caller;

    private ApiKeyAuthentication(String key) {
        super(List.of());
        this.key = key;
        this.caller = null;
    }

    private ApiKeyAuthentication(Caller caller) {
        super(List.of(new SimpleGrantedAuthority(caller.role().authority())));
        this.key = null;
        this.caller = caller;
        setAuthenticated(true);
    }

    /** An authenticated caller, for work done on its behalf outside a request. */
    static ApiKeyAuthentication of(Caller caller) {
        return new ApiKeyAuthentication(caller);
    }

    @Override
    public Object getCredentials() {
        return key;
    }

    @Override
    public Object getPrincipal() {
        return caller;
    }

    /** Finds the key in a request; a request without one goes on as anonymous. */
    static AuthenticationConverter converter() {
        return (HttpServletRequest request) -> {
            String header = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                return null;
            }
            return new ApiKeyAuthentication(header.substring(BEARER.length()).strip());
        };
    }

    /** Recognises the keys of {@link ApiKeys}. */
    static AuthenticationProvider provider(ApiKeys keys) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                String key = ((ApiKeyAuthentication) authentication).key;
                return keys.recognise(key).map(ApiKeyAuthentication::new)
                        .orElseThrow(() -> new BadCredentialsException("unknown or revoked key"));
            }

            @Override
            public boolean supports(Class<?> type) {
                return ApiKeyAuthentication.class.isAssignableFrom(type);
            }
        };
    }
}
