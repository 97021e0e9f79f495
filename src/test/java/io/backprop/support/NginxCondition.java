package io.backprop.support;

import java.nio.file.Files;

class NginxCondition extends RequiredTool {

    NginxCondition() {
        super("BACKPROP_REQUIRE_NGINX");
    }

    @Override
    String missing() {
        return Files.isExecutable(Nginx.BINARY) ? null
                : "nginx is missing (" + Nginx.BINARY + "); install it with: apt-get install nginx";
    }
}
