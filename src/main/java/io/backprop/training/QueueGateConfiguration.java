package io.backprop.training;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.backprop.web.ProblemResponses;

/**
 * Makes the {@link QueueGate} a bean from a configuration of its own: controller slice tests take in every
 * interceptor component, and have no training queue to give one.
 */
@Configuration(proxyBeanMethods = false)
class QueueGateConfiguration {

    @Bean
    QueueGate queueGate(TrainingQueue queue, ProblemResponses problems) {
        return new QueueGate(queue, problems);
    }
}
