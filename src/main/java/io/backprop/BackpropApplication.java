package io.backprop;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class BackpropApplication {

    public static void main(String[] args) {
        SpringApplication.run(BackpropApplication.class, args);
    }
}
