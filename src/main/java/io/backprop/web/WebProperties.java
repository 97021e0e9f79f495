package io.backprop.web;

import java.net.URI;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the service is reached from outside.
 *
 * @param publicUrl the address clients use (e.g. https://backprop.example.com), for absolute links such as
 *     {@code Location}; unset, links are paths relative to the host the client already talks to. Never taken
 *     from the request's Host header, which a client can set to anything.
 * @param allowedOrigins web origins besides the service's own whose pages may send it state-changing requests
 */
@ConfigurationProperties("backprop.web")
public record WebProperties(URI publicUrl, @DefaultValue List<String> allowedOrigins) {
}
