package io.corpusforge.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PiiMaskerTest {
  private final PiiMasker masker = new PiiMasker(List.of(PiiMasker.Type.values()));

  @Test
  void phonesAndLandlines() {
    var m = masker.mask("联系人张先生，手机13812345678，座机010-62751234，或拨打+86 139 1234 5678。");
    assertEquals("联系人张先生，手机<PHONE>，座机<LANDLINE>，或拨打<PHONE>。", m.text());
    assertEquals(Map.of(PiiMasker.Type.PHONE, 2L, PiiMasker.Type.LANDLINE, 1L), m.counts());
  }

  @Test
  void idCardNeedsAValidChecksum() {
    assertTrue(PiiMasker.idCardChecksumValid("11010519491231002X"));
    assertFalse(PiiMasker.idCardChecksumValid("110105194912310021"));
    assertEquals("身份证号<ID_CARD>已登记", masker.mask("身份证号11010519491231002X已登记").text());
    assertEquals("订单号110105194912310021已发货", masker.mask("订单号110105194912310021已发货").text());
  }

  @Test
  void bankCardNeedsLuhn() {
    assertTrue(PiiMasker.luhnValid("4111111111111111"));
    assertFalse(PiiMasker.luhnValid("6222000000000000"));
    assertEquals("卡号<BANK_CARD>", masker.mask("卡号4111 1111 1111 1111").text());
    assertEquals("账户为 <BANK_CARD>，", masker.mask("账户为 6217 0012 3456 7890 122，").text());
    assertEquals("<BANK_CARD>", masker.mask("6217001234567890122").text());
    assertEquals("编号4111111111111112", masker.mask("编号4111111111111112").text());
  }

  @Test
  void emailAndQqInContextOnly() {
    assertEquals("邮箱<EMAIL>，QQ：<QQ>", masker.mask("邮箱zhang.san@example.com.cn，QQ：12345678").text());
    assertEquals("共有12345678人参加", masker.mask("共有12345678人参加").text());
    assertEquals("扣扣<QQ>", masker.mask("扣扣987654321").text());
  }

  @Test
  void pricesAndYearsStay() {
    String s = "2023年营收3456789012元，同比增长12.5%，股价报15.60元。";
    assertEquals(s, masker.mask(s).text());
  }
}
