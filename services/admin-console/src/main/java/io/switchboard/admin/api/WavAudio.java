package io.switchboard.admin.api;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

import io.switchboard.admin.domain.InvalidConfigurationException;
import io.switchboard.events.PromptConfigured;

/**
 * Prompts as the browser sends and plays them (WAV files) and as the voice gateway plays them
 * (8 kHz mono μ-law samples). The JDK's sound API reads PCM, μ-law and A-law WAV files and
 * converts the rate and channels, so no audio library is needed.
 */
final class WavAudio {

    static final AudioFormat ULAW = new AudioFormat(AudioFormat.Encoding.ULAW, PromptConfigured.SAMPLES_PER_SECOND, 8, 1, 1,
            PromptConfigured.SAMPLES_PER_SECOND, false);
    private static final AudioFormat PCM = new AudioFormat(PromptConfigured.SAMPLES_PER_SECOND, 16, 1, true, false);

    private WavAudio() {
    }

    /** A WAV file's audio as 8 kHz mono μ-law samples. */
    static byte[] toUlaw(byte[] wav) {
        if (wav == null || wav.length == 0) {
            throw InvalidConfigurationException.of("audio", "the upload is empty: send a WAV file");
        }
        try (AudioInputStream file = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav))) {
            long seconds = file.getFrameLength() < 0 ? 0 : (long) (file.getFrameLength() / file.getFormat().getFrameRate());
            if (seconds > PromptConfigured.MAX_SECONDS) {
                throw InvalidConfigurationException.of("audio", "the recording lasts " + seconds + " s; a prompt lasts at most "
                        + PromptConfigured.MAX_SECONDS + " s");
            }
            long frames = file.getFrameLength();
            float rate = file.getFormat().getFrameRate();
            AudioInputStream pcm = AudioSystem.getAudioInputStream(PCM, linear(file));
            byte[] ulaw = AudioSystem.getAudioInputStream(ULAW, pcm).readAllBytes();
            // The rate converter may add a sample of its filter's tail.
            long expected = frames < 0 ? ulaw.length : Math.round(frames * (double) PromptConfigured.SAMPLES_PER_SECOND / rate);
            return ulaw.length > expected ? java.util.Arrays.copyOf(ulaw, (int) expected) : ulaw;
        } catch (UnsupportedAudioFileException | IllegalArgumentException e) {
            throw InvalidConfigurationException.of("audio", "is not a WAV file the console can read (PCM, μ-law or A-law; "
                    + e.getMessage() + ")");
        } catch (IOException e) {
            throw InvalidConfigurationException.of("audio", "the WAV file is cut short or damaged (" + e.getMessage() + ")");
        }
    }

    /** μ-law samples as a WAV file a browser plays. */
    static byte[] toWav(byte[] ulaw) {
        try (AudioInputStream audio = new AudioInputStream(new ByteArrayInputStream(ulaw), ULAW, ulaw.length)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(ulaw.length + 64);
            AudioSystem.write(audio, AudioFileFormat.Type.WAVE, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
    }

    /** Companded (μ-law, A-law) audio decoded to 16-bit PCM first, which the rate and channel converter takes. */
    private static AudioInputStream linear(AudioInputStream file) {
        AudioFormat format = file.getFormat();
        if (AudioFormat.Encoding.PCM_SIGNED.equals(format.getEncoding()) || AudioFormat.Encoding.PCM_UNSIGNED.equals(format.getEncoding())
                || AudioFormat.Encoding.PCM_FLOAT.equals(format.getEncoding())) {
            return file;
        }
        return AudioSystem.getAudioInputStream(new AudioFormat(format.getSampleRate(), 16, format.getChannels(), true, false), file);
    }
}
