package io.backprop.web;

import java.net.URI;

import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/** Addresses of the service's resources, for {@code Location} headers: absolute from the configured public URL. */
@Component
public class Links {

    private final URI publicUrl;

    Links(WebProperties properties) {
        this.publicUrl = properties.publicUrl();
    }

    /** E.g. {@code to("/models/{id}", id)}: relative when no public URL is configured. */
    public URI to(String path, Object... variables) {
        UriComponentsBuilder builder = publicUrl == null ? UriComponentsBuilder.newInstance()
                : UriComponentsBuilder.fromUri(publicUrl);
        return builder.path(path).buildAndExpand(variables).encode().toUri();
    }
}
