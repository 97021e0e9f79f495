package io.backprop.web;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's answer to requests it refuses before any application code runs (an encoded slash, {@code %00} or a
 * broken percent-escape in the path): problem+json like every other error, instead of an HTML page. Tomcat
 * makes this valve itself, so it cannot use the application's beans.
 */
public class ProblemReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable failure) {
        int status = response.getStatus();
        if (status < 400 || response.isCommitted() || response.getContentWritten() > 0) {
            return;
        }
        ProblemDetail problem = Problems.forStatus(status, status == 400
                ? "The request's address or headers are malformed (e.g. an encoded slash, %00 or an invalid "
                        + "percent-escape in the path)."
                : "The request could not be answered (HTTP " + status + ").");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(JsonMapper.shared().writeValueAsString(body));
                response.finishResponse();
            }
        }
        catch (IOException | IllegalStateException e) {
            // the client is gone; there is no one left to tell
        }
    }
}
