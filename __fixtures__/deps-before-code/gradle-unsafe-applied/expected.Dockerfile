FROM gradle:8-jdk21
WORKDIR /home/gradle/project
COPY settings.gradle build.gradle gradle.properties ./
COPY app/build.gradle ./app/
COPY gradle/ ./gradle/
RUN gradle dependencies --no-daemon
COPY . .
RUN gradle build --no-daemon
