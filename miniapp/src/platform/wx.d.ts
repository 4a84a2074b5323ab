/** The few WeCom globals the mini-program calls (wx.qy exists only inside WeCom). */
declare const wx: {
  getSystemInfoSync(): { environment?: string };
  qy: {
    login(options: {
      success: (res: { code: string }) => void;
      fail: (err: { errMsg?: string }) => void;
    }): void;
  };
};
